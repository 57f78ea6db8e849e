package io.dbrecover.mysql.frm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats FLOAT/DOUBLE defaults the way MariaDB 10.11 prints them: with exactly D decimals for FLOAT(M,D), else
 * the shortest digits that give the value back (a FLOAT: at most 6 significant digits), in plain digits from
 * 1e-15 up to below 1e15 and in {@code 1e20} notation outside (thresholds measured against MariaDB 10.11 by
 * FrmGeneratedCorpusIT).
 */
final class FloatFormat {
    private FloatFormat() {
    }

    /** The digits a FLOAT default is printed with when it has no fixed scale: 6 significant ones. */
    static String floatDigits(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return Float.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN)).toString();
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
        if (exponent < -15 || exponent >= 15) {
            String digits = bd.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (bd.signum() < 0 ? "-" : "") + mantissa + "e" + exponent;
        }
        return bd.toPlainString();
    }
}
