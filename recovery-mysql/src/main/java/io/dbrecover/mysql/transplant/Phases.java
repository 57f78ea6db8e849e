package io.dbrecover.mysql.transplant;

/** Where a table's time went, for the report (and the benchmark). */
final class Phases {
    long copy;
    long imports;
    long keys;
    long compare;
    long hash;

    String describe() {
        return "copy " + copy / 1_000_000 + " ms, import " + imports / 1_000_000 + " ms, compare "
                + compare / 1_000_000 + " ms, keys " + keys / 1_000_000 + " ms, hash " + hash / 1_000_000 + " ms";
    }
}
