package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How the report computes and words its figures, without a database: percentiles, rates,
 * durations and CSV cells.
 */
class FiguresTest {

	@Nested
	class NearestRankPercentiles {

		@Test
		void theMedianOfAnEvenCountIsTheLowerMiddleValueNotAnAverage() {
			// ranks: median ceil(0.5 x 4) = 2, p90 ceil(0.9 x 4) = 4
			Durations d = Durations.of(List.of(40L, 10L, 30L, 20L));
			assertThat(d.medianSeconds()).isEqualTo(20);
			assertThat(d.p90Seconds()).isEqualTo(40);
			assertThat(d.count()).isEqualTo(4);
			assertThat(d.method()).isEqualTo("nearest-rank");
		}

		@Test
		void withTwentyValuesP90IsTheEighteenth() {
			// 1..20: median rank 10 -> 10; p90 rank ceil(18.0) = 18 -> 18
			Durations d = Durations.of(LongStream.rangeClosed(1, 20).map(i -> 21 - i).boxed().toList());
			assertThat(d.medianSeconds()).isEqualTo(10);
			assertThat(d.p90Seconds()).isEqualTo(18);
		}

		@Test
		void withOneValueBothAreThatValueAndWithNoneBothAreNull() {
			assertThat(Durations.of(List.of(7L))).isEqualTo(new Durations(1, 7L, 7L, "nearest-rank"));
			assertThat(Durations.of(List.of())).isEqualTo(new Durations(0, null, null, "nearest-rank"));
		}

	}

	@Nested
	class FirstTimeRight {

		Figures of(long accepted, long rejected) {
			Tally t = new Tally();
			t.accepted = accepted;
			t.rejected = rejected;
			return Figures.of(t);
		}

		@Test
		void isAcceptedOverMessagesToFourPlacesAndInWholePercentRoundedDown() {
			assertThat(of(2, 1).firstTimeRight()).isEqualByComparingTo("0.6667");
			assertThat(Words.percent(of(2, 1))).isEqualTo("66 %");
			// 199 of 200 is not "100 %"
			assertThat(Words.percent(of(199, 1))).isEqualTo("99 %");
			assertThat(of(199, 1).firstTimeRight()).isEqualByComparingTo("0.995");
			assertThat(Words.percent(of(3, 0))).isEqualTo("100 %");
		}

		@Test
		void hasNoValueWithoutMessages() {
			assertThat(of(0, 0).firstTimeRight()).isNull();
			assertThat(Words.percent(of(0, 0))).isEqualTo("-");
		}

	}

	@Test
	void durationsReadInTheirTwoLargestUnitsRoundedDown() {
		assertThat(Words.duration(null)).isEqualTo("-");
		assertThat(Words.duration(0L)).isEqualTo("0 s");
		assertThat(Words.duration(59L)).isEqualTo("59 s");
		assertThat(Words.duration(60L)).isEqualTo("1 min");
		assertThat(Words.duration(38 * 60L + 59)).isEqualTo("38 min");
		assertThat(Words.duration(3600L)).isEqualTo("1 h");
		assertThat(Words.duration(2 * 3600L + 5 * 60)).isEqualTo("2 h 5 min");
		assertThat(Words.duration(86400L)).isEqualTo("1 d");
		assertThat(Words.duration(3 * 86400L + 4 * 3600 + 59 * 60)).isEqualTo("3 d 4 h");
	}

	@Test
	void csvCellsAreQuotedWhereRfc4180AsksAndSenderTextCannotBecomeAFormula() {
		assertThat(ReportCsv.quoted("C-1001")).isEqualTo("C-1001");
		assertThat(ReportCsv.quoted("a,b")).isEqualTo("\"a,b\"");
		assertThat(ReportCsv.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(ReportCsv.quoted("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
		assertThat(ReportCsv.text("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(ReportCsv.text("+1")).isEqualTo("'+1");
		assertThat(ReportCsv.text("@sum")).isEqualTo("'@sum");
		assertThat(ReportCsv.text(null)).isEmpty();
	}

	@Test
	void theHeadlineSaysWhatWasRightWhatNeededReworkAndHowLongFixesTook() {
		Tally t = new Tally();
		t.accepted = 46;
		t.rejected = 4;
		t.fixSeconds.addAll(List.of(600L, 2280L, 9000L));
		assertThat(Words.headline(Figures.of(t)))
			.isEqualTo("92 % of messages arrived right the first time; 4 needed rework; fixes took 38 min (median).");
		Tally none = new Tally();
		none.accepted = 5;
		assertThat(Words.headline(Figures.of(none)))
			.isEqualTo("100 % of messages arrived right the first time; none needed rework.");
		Tally open = new Tally();
		open.rejected = 2;
		assertThat(Words.headline(Figures.of(open)))
			.isEqualTo("0 % of messages arrived right the first time; 2 needed rework; none was fixed yet.");
	}

}
