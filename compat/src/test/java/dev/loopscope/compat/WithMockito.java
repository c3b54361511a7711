package dev.loopscope.compat;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import org.mockito.AdditionalAnswers;
import org.mockito.MockedStatic;

/** Mockito, in the crowded run only. */
final class WithMockito {

    private WithMockito() {
    }

    /** A mock of the final PriceFeed that answers as {@code real} does. */
    static PriceFeed delegatingMock(PriceFeed real) {
        return mock(PriceFeed.class, withSettings().defaultAnswer(AdditionalAnswers.delegatesTo(real)));
    }

    static void verifyPricesAsked(PriceFeed feed, int count) {
        verify(feed, times(count)).priceOf(anyString());
    }

    static int stubbedPrice(String sku, int price) {
        PriceFeed feed = mock(PriceFeed.class);
        when(feed.priceOf(sku)).thenReturn(price);
        return feed.priceOf(sku);
    }

    /**
     * A static mock of Mistakes (its Thread.sleep call site is the one Loopscope rewrites on JDK 17):
     * Mockito retransforms the class; MistakesTest, run after this, must find the same.
     */
    static long staticallyMockedSpin() {
        try (MockedStatic<Mistakes> mocked = mockStatic(Mistakes.class)) {
            mocked.when(() -> Mistakes.spin(anyLong())).thenReturn(-1L);
            return Mistakes.spin(1000);
        }
    }
}
