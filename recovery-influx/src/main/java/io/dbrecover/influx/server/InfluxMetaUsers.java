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

    /**
     * The file without the user named {@code name} (field 1 of a {@code UserInfo}); the other users and fields as
     * they are.
     *
     * @return the new content, or {@code null} when there is no such user
     */
    static byte[] withoutUser(byte[] data, String name, Path file) {
        byte[] wanted = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        boolean found = false;
        int[] pos = {0};
        while (pos[0] < data.length) {
            int start = pos[0];
            long tag = varint(data, pos, file);
            int wireType = (int) (tag & 7);
            boolean drop = false;
            switch (wireType) {
                case 0 -> varint(data, pos, file);
                case 1 -> skip(data, pos, 8, file);
                case 2 -> {
                    long length = varint(data, pos, file);
                    int payload = pos[0];
                    skip(data, pos, length, file);
                    drop = tag >>> 3 == USERS_FIELD && java.util.Arrays.equals(wanted, userName(data, payload,
                            pos[0], file));
                }
                case 5 -> skip(data, pos, 4, file);
                default -> throw corrupt(file, "wire type " + wireType + " at byte " + start);
            }
            if (drop) {
                found = true;
            } else {
                out.write(data, start, pos[0] - start);
            }
        }
        return found ? out.toByteArray() : null;
    }

    /** Field 1 (the name) of the {@code UserInfo} message in {@code data[from, to)}, or {@code null}. */
    private static byte[] userName(byte[] data, int from, int to, Path file) {
        byte[] message = java.util.Arrays.copyOfRange(data, from, to);
        int[] pos = {0};
        while (pos[0] < message.length) {
            long tag = varint(message, pos, file);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> varint(message, pos, file);
                case 1 -> skip(message, pos, 8, file);
                case 2 -> {
                    long length = varint(message, pos, file);
                    int at = pos[0];
                    skip(message, pos, length, file);
                    if (tag >>> 3 == 1) {
                        return java.util.Arrays.copyOfRange(message, at, pos[0]);
                    }
                }
                case 5 -> skip(message, pos, 4, file);
                default -> throw corrupt(file, "wire type " + wireType + " in a user");
            }
        }
        return null;
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
