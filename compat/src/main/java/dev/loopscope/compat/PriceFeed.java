package dev.loopscope.compat;

/** A price list. Final, so a Mockito mock of it needs the inline mock maker (Mockito 5's default). */
public final class PriceFeed {

    /** The price of {@code sku} in cents; an unknown (empty) sku fails. */
    public int priceOf(String sku) {
        if (sku.isEmpty()) {
            throw new IllegalArgumentException("unknown sku ''");
        }
        return 100 * sku.length() + sku.charAt(0);
    }
}
