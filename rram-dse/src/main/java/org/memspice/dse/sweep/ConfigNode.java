package org.memspice.dse.sweep;

import java.util.List;
import java.util.Map;

/**
 * A value of a sweep configuration with where it was written: a scalar (text), a list or a map
 * (keys in file order). Errors about it name {@link #where}: file:line:column.
 */
public record ConfigNode(Object value, String file, int line, int column) {
    public String where() {
        return file + ":" + line + ":" + column;
    }

    public boolean isScalar() {
        return value instanceof String;
    }

    public String text() {
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    public List<ConfigNode> list() {
        return (List<ConfigNode>) value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, ConfigNode> map() {
        return (Map<String, ConfigNode>) value;
    }

    public boolean isList() {
        return value instanceof List;
    }

    public boolean isMap() {
        return value instanceof Map;
    }
}
