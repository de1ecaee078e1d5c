package org.memspice.spice.circuit;

/**
 * A map from names to values for the very many names of a large flattened circuit: open
 * addressing with linear probing over two arrays, so that an entry costs no object of its own
 * (a {@link java.util.HashMap} allocates one per entry, which a million-element netlist pays
 * for in allocation and garbage collection). Null keys and values are not allowed.
 */
final class NameMap<V> {
    private String[] keys = new String[64];
    private Object[] values = new Object[64];
    /** Each key's hash, compared before the key's string is read. */
    private int[] hashes = new int[64];
    private int size;

    /** The value of {@code name}, or null. */
    @SuppressWarnings("unchecked")
    V get(String name) {
        if (name == null) {
            return null;
        }
        int hash = name.hashCode();
        int mask = keys.length - 1;
        for (int h = mix(hash) & mask; keys[h] != null; h = (h + 1) & mask) {
            if (hashes[h] == hash && keys[h].equals(name)) {
                return (V) values[h];
            }
        }
        return null;
    }

    /** Adds the entry unless the name is there; returns the value already there, or null. */
    @SuppressWarnings("unchecked")
    V putIfAbsent(String name, V value) {
        int hash = name.hashCode();
        int mask = keys.length - 1;
        int h = mix(hash) & mask;
        for (; keys[h] != null; h = (h + 1) & mask) {
            if (hashes[h] == hash && keys[h].equals(name)) {
                return (V) values[h];
            }
        }
        if (2 * (size + 1) > keys.length) {
            grow();
            return putIfAbsent(name, value);
        }
        keys[h] = name;
        values[h] = value;
        hashes[h] = hash;
        size++;
        return null;
    }

    int size() {
        return size;
    }

    /** Grows the table now to hold {@code entries} without growing again. */
    void reserve(int entries) {
        int capacity = keys.length;
        while (2L * entries > capacity && capacity < (1 << 30)) {
            capacity *= 2;
        }
        if (capacity > keys.length) {
            rehash(capacity); // at once: doubling step by step would allocate every size in between
        }
    }

    private void grow() {
        rehash(keys.length * 2);
    }

    private void rehash(int capacity) {
        String[] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new String[capacity];
        values = new Object[capacity];
        hashes = new int[capacity];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != null) {
                int h = mix(oldHashes[k]) & mask;
                while (keys[h] != null) {
                    h = (h + 1) & mask;
                }
                keys[h] = oldKeys[k];
                values[h] = oldValues[k];
                hashes[h] = oldHashes[k];
            }
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
