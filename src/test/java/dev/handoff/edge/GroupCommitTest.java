package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outcomes of concurrent requests share commits, each sender answered after its own is
 * durable, none hurt by another's failure.
 */
class GroupCommitTest {

	private final JdbcDataSource data = new JdbcDataSource();

	private final ExecutorService senders = Executors.newFixedThreadPool(8);

	private JdbcTemplate jdbc;

	private TransactionTemplate transactions;

	private GroupCommit commits;

	/** Per row id, the transaction (its connection holder) that wrote it. */
	private final Map<Integer, Object> writtenIn = new ConcurrentHashMap<>();

	@BeforeEach
	void database() {
		data.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		jdbc = new JdbcTemplate(data);
		jdbc.execute("CREATE TABLE outcome (id INT PRIMARY KEY)");
		transactions = new TransactionTemplate(new JdbcTransactionManager(data));
		commits = commits(true);
	}

	@AfterEach
	void stop() throws InterruptedException {
		senders.shutdownNow();
		commits.destroy();
	}

	private GroupCommit commits(boolean enabled) {
		return new GroupCommit(transactions, new EdgeProperties(Duration.ofHours(1), Map.of(),
				new EdgeProperties.GroupCommit(enabled, 256), Map.of()));
	}

	private Runnable insert(int id) {
		return () -> {
			writtenIn.put(id, TransactionSynchronizationManager.getResource(data));
			jdbc.update("INSERT INTO outcome (id) VALUES (?)", id);
		};
	}

	private boolean committed(int id) {
		// a connection of its own sees only what was committed
		return new JdbcTemplate(data).queryForObject("SELECT COUNT(*) FROM outcome WHERE id = ?", Integer.class,
				id) == 1;
	}

	@Test
	void requestsThatWaitTogetherShareOneCommitAndEachReturnsAfterIt() throws Exception {
		CountDownLatch writerBusy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> first = senders.submit(() -> commits.run(() -> {
			insert(0).run();
			writerBusy.countDown();
			hold(release);
		}));
		writerBusy.await(10, TimeUnit.SECONDS);
		List<Future<Boolean>> others = IntStream.rangeClosed(1, 5).mapToObj(id -> senders.submit(() -> {
			commits.run(insert(id));
			return committed(id);
		})).toList();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commits.waiting() == 5);
		assertThat(others).noneMatch(Future::isDone);

		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		for (Future<Boolean> other : others) {
			assertThat(other.get(10, TimeUnit.SECONDS)).as("committed when run() returned").isTrue();
		}
		Object shared = writtenIn.get(1);
		assertThat(IntStream.rangeClosed(1, 5).mapToObj(writtenIn::get)).allMatch(holder -> holder == shared);
		assertThat(writtenIn.get(0)).isNotSameAs(shared);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outcome", Integer.class)).isEqualTo(6);
	}

	@Test
	void aFailingOutcomeIsRolledBackAloneAndItsSenderGetsTheError() throws Exception {
		jdbc.update("INSERT INTO outcome (id) VALUES (3)");
		CountDownLatch writerBusy = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Future<?> first = senders.submit(() -> commits.run(() -> {
			writerBusy.countDown();
			hold(release);
		}));
		writerBusy.await(10, TimeUnit.SECONDS);
		List<Future<?>> others = IntStream.rangeClosed(1, 5)
			.<Future<?>>mapToObj(id -> senders.submit(() -> commits.run(insert(id))))
			.toList();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> commits.waiting() == 5);

		release.countDown();
		first.get(10, TimeUnit.SECONDS);
		for (int id = 1; id <= 5; id++) {
			Future<?> other = others.get(id - 1);
			if (id == 3) {
				assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS)).cause()
					.isInstanceOf(DuplicateKeyException.class);
			}
			else {
				other.get(10, TimeUnit.SECONDS);
				assertThat(committed(id)).isTrue();
			}
		}
		assertThat(jdbc.queryForList("SELECT id FROM outcome ORDER BY id", Integer.class)).containsExactly(1, 2, 3, 4,
				5);
	}

	@Test
	void joinsTheCallersOwnTransactionWhenThereIsOne() {
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			commits.run(insert(7));
			assertThat(writtenIn.get(7)).isSameAs(TransactionSynchronizationManager.getResource(data));
			throw new IllegalStateException("the caller changes its mind");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(committed(7)).as("rolled back with the caller's transaction").isFalse();
	}

	@Test
	void disabledItCommitsEachOutcomeOnTheSendersThread() throws Exception {
		commits.destroy();
		commits = commits(false);
		Thread sender = Thread.currentThread();
		Thread[] ranOn = new Thread[1];
		commits.run(() -> {
			ranOn[0] = Thread.currentThread();
			insert(9).run();
		});
		assertThat(ranOn[0]).isSameAs(sender);
		assertThat(committed(9)).isTrue();
	}

	@Test
	void afterShutdownItStillCommitsOnTheSendersThread() throws Exception {
		commits.destroy();
		Thread sender = Thread.currentThread();
		Thread[] ranOn = new Thread[1];
		commits.run(() -> {
			ranOn[0] = Thread.currentThread();
			insert(11).run();
		});
		assertThat(ranOn[0]).isSameAs(sender);
		assertThat(committed(11)).isTrue();
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
