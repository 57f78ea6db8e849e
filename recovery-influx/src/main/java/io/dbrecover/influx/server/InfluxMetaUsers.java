package io.dbrecover.influx.server;

import io.dbrecover.core.api.ErrorCode;
import io.dbrecover.core.api.RecoveryException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/**
 * The user accounts in an InfluxDB 1.x meta store file ({@code meta/meta.db}): one protobuf message whose field 6
 * holds the users, one length-delimited entry each. A throwaway server on a copied server directory takes them out
 * before it starts (so that it may make its own admin with a password of its own, which InfluxDB allows only while
 * there are no users) and puts them back after it stops; every other field is kept byte for byte.
 */
final class InfluxMetaUsers {
    /** The field number of {@code Data.Users} in InfluxDB 1.x's meta store. */
    static final int USERS_FIELD = 6;

    /**
     * A meta store file cut in two.
     *
     * @param withoutUsers every field but the users, in their order
     * @param users        the users' fields, tag included, in their order
     * @param count        how many users
     */
    record Split(byte[] withoutUsers, byte[] users, int count) {
        /** The file with these users (the order of fields does not matter to protobuf readers). */
        byte[] withUsers(byte[] otherUsers) {
            byte[] out = new byte[withoutUsers.length + otherUsers.length];
            System.arraycopy(withoutUsers, 0, out, 0, withoutUsers.length);
            System.arraycopy(otherUsers, 0, out, withoutUsers.length, otherUsers.length);
            return out;
        }
    }

    private InfluxMetaUsers() {
    }

    /** Splits the file's top-level fields; every length is checked against the file's end. */
    static Split split(byte[] data, Path file) {
        ByteArrayOutputStream rest = new ByteArrayOutputStream(data.length);
        ByteArrayOutputStream users = new ByteArrayOutputStream();
        int count = 0;
        int[] pos = {0};
        while (pos[0] < data.length) {
            int start = pos[0];
            long tag = varint(data, pos, file);
            int wireType = (int) (tag & 7);
            long field = tag >>> 3;
            switch (wireType) {
                case 0 -> varint(data, pos, file);
                case 1 -> skip(data, pos, 8, file);
                case 2 -> skip(data, pos, varint(data, pos, file), file);
                case 5 -> skip(data, pos, 4, file);
                default -> throw corrupt(file, "wire type " + wireType + " at byte " + start);
            }
            if (field == USERS_FIELD && wireType == 2) {
                users.write(data, start, pos[0] - start);
                count++;
            } else {
                rest.write(data, start, pos[0] - start);
            }
        }
        return new Split(rest.toByteArray(), users.toByteArray(), count);
    }

    private static long varint(byte[] data, int[] pos, Path file) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= data.length) {
                throw corrupt(file, "a number runs past the end");
            }
            byte b = data[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw corrupt(file, "a number longer than 10 bytes");
    }

    private static void skip(byte[] data, int[] pos, long length, Path file) {
        if (length < 0 || length > data.length - pos[0]) {
            throw corrupt(file, "a field of " + length + " bytes runs past the end");
        }
        pos[0] += (int) length;
    }

    private static RecoveryException corrupt(Path file, String what) {
        return RecoveryException.of(ErrorCode.CORRUPT_INPUT, "the InfluxDB meta store " + file + " is not readable: "
                        + what)
                .path(file).hint("the copy's meta/meta.db is damaged; restore it from a backup or rebuild the meta "
                        + "store").build();
    }
}
