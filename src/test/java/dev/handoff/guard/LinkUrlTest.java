package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A plain http(s) link is read by a scan with the very parts java.net.URI gives; anything
 * else is left to URI.
 */
class LinkUrlTest {

	private static void sameAsUri(String link) {
		LinkUrl plain = LinkUrl.plainHttp(link);
		if (plain == null) {
			return;
		}
		URI uri;
		try {
			uri = new URI(link);
		}
		catch (URISyntaxException e) {
			throw new AssertionError("the scan read " + link + " but URI refuses it: " + e.getMessage());
		}
		assertThat(plain).as(link).isEqualTo(new LinkUrl(uri.getScheme(), uri.getHost(), uri.getRawQuery()));
	}

	@Test
	void readsPlainLinksAsUriDoes() {
		assertThat(LinkUrl.plainHttp("https://shop.example.com/a?x=1&y=%2F#top"))
			.isEqualTo(new LinkUrl("https", "shop.example.com", "x=1&y=%2F"));
		assertThat(LinkUrl.plainHttp("HTTP://Shop.Example.COM"))
			.isEqualTo(new LinkUrl("HTTP", "Shop.Example.COM", null));
		assertThat(LinkUrl.plainHttp("https://a.example.com/p?")).isEqualTo(new LinkUrl("https", "a.example.com", ""));
		assertThat(LinkUrl.plainHttp("https://a.example.com#f?x=1"))
			.isEqualTo(new LinkUrl("https", "a.example.com", null));
		assertThat(LinkUrl.plainHttp("https://a.example.com/?q=a?b#f"))
			.isEqualTo(new LinkUrl("https", "a.example.com", "q=a?b"));
	}

	@Test
	void leavesAnythingLessPlainToUri() {
		for (String link : new String[] { "https://a.example.com:8080/", "https://user@a.example.com/",
				"https://[::1]/", "https://1.2.3.4/", "https://a.example.com./", "https://-a.example.com/",
				"https://a-.example.com/", "https://a..example.com/", "https:///p", "https://a.example.com/%zz",
				"https://a.example.com/%2", "https://a.example.com/ x", "https://a.example.com/é",
				"https://a.example.com/#a#b", "https://a.example.com/[x]", "https://a.example.com/\"",
				"ftp://a.example.com/", "*|UNSUB|*", "mailto:a@example.com", "https:a", "" }) {
			assertThat(LinkUrl.plainHttp(link)).as(link).isNull();
		}
		assertThat(LinkUrl.parse("https://a.example.com:8080/p?x"))
			.isEqualTo(new LinkUrl("https", "a.example.com", "x"));
		assertThat(LinkUrl.parse("https://a.example.com/%zz")).isNull();
		assertThat(LinkUrl.parse("*|UNSUB|*")).isNull();
	}

	private static final String[] HOSTS = { "shop.example.com", "Example.COM", "a", "a-b.c", "a--b.c", "x1.y2", "1x.y",
			"x.1y", "a.b-", "-a.b", "a..b", "a.b.", "a_b.c", "ab.c:80", "u@ab.c", "[::1]", "1.2.3.4", "é.com", "" };

	@Test
	void agreesWithUriOnGeneratedLinks() {
		String[] bits = { "http://", "https://", "HTTPS://", "hTTp://", "a", "Z", "9", "-", ".", "example", "com", "/",
				"?", "#", "&", "=", "%", "%2F", "%zz", "2", "f", ":", "@", "[", "]", "!", "~", "*", "'", "(", ")", ";",
				"+", "$", ",", "_", " ", "\"", "<", "é", "\u00a0", "\\", "|", "^", "`", "{" };
		Random random = new Random(11);
		int read = 0;
		for (int i = 0; i < 200_000; i++) {
			StringBuilder link = new StringBuilder(bits[random.nextInt(4)]);
			if (random.nextBoolean()) {
				link.append(HOSTS[random.nextInt(HOSTS.length)]);
			}
			for (int n = random.nextInt(16); n > 0; n--) {
				link.append(bits[random.nextInt(bits.length)]);
			}
			sameAsUri(link.toString());
			read += LinkUrl.plainHttp(link.toString()) == null ? 0 : 1;
		}
		assertThat(read).as("the scan reads many of them itself").isGreaterThan(2_000);
	}

}
