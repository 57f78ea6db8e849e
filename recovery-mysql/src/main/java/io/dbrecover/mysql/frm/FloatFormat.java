package io.dbrecover.mysql.frm;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Formats FLOAT/DOUBLE defaults the way MariaDB 10.11 prints them: with exactly D decimals for FLOAT(M,D), else
 * the shortest digits that give the value back, switching to {@code 1e20} notation for very large or small values.
 * (Verified for 1.5, 1.500, 1e20 and pi; the switching thresholds are an assumption, see frm.md §18.)
 */
final class FloatFormat {
    private FloatFormat() {
    }

    static String format(double value, String shortest, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        BigDecimal bd = new BigDecimal(shortest);
        if (scale >= 0) {
            return bd.setScale(scale, RoundingMode.HALF_UP).toPlainString();
        }
        if (bd.signum() == 0) {
            return value == 0 && 1 / value < 0 ? "-0" : "0";
        }
        bd = bd.stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            String digits = bd.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (bd.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
        }
        return bd.toPlainString();
    }
}
