package org.memspice.dse.sweep;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.memspice.dse.DseInputException;

/**
 * Reads a YAML or JSON sweep configuration (by extension: .json is JSON, anything else YAML)
 * with Jackson's streaming parser into {@link ConfigNode}s that remember their line and column,
 * so a bad key or value is reported where it is written. Duplicate keys are errors.
 */
public final class ConfigReader {
    private ConfigReader() {
    }

    public static ConfigNode read(Path file) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        String name = file.toString();
        try (JsonParser p = factory.createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new DseInputException(name + ": empty configuration");
            }
            ConfigNode root = node(p, name);
            if (p.nextToken() != null) {
                throw new DseInputException(at(name, p.currentLocation()) + ": more than one document");
            }
            if (!root.isMap()) {
                throw new DseInputException(root.where() + ": the configuration must be a map of keys");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage().split("\n")[0];
            throw new DseInputException((l == null ? name : at(name, l)) + ": " + msg);
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new DseInputException(name + ": no such configuration file");
        } catch (IOException e) {
            throw new DseInputException(name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static ConfigNode node(JsonParser p, String file) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, ConfigNode> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation kl = p.currentTokenLocation();
                p.nextToken();
                ConfigNode v = node(p, file);
                if (m.put(key, v) != null) {
                    throw new DseInputException(at(file, kl) + ": key '" + key + "' given twice");
                }
            }
            return new ConfigNode(m, file, line, col);
        }
        if (t == JsonToken.START_ARRAY) {
            List<ConfigNode> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(node(p, file));
            }
            return new ConfigNode(list, file, line, col);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new ConfigNode("", file, line, col);
        }
        return new ConfigNode(p.getText(), file, line, col);
    }

    private static String at(String file, JsonLocation l) {
        return file + ":" + l.getLineNr() + ":" + l.getColumnNr();
    }
}
