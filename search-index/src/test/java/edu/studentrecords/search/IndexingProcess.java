package edu.studentrecords.search;

import edu.studentrecords.store.StoreSettings;
import edu.studentrecords.store.StudentRecords;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process for the crash test: consumes the store's feed into an index in small batches with frequent
 * commits, printing {@code POS <position>} as changes become searchable, until it is killed.
 * Arguments: connection string, keys folder, data folder.
 */
public final class IndexingProcess {

    private IndexingProcess() {
    }

    public static void main(String[] args) throws Exception {
        StoreSettings store = StoreSettings.builder()
                .connectionString(args[0])
                .keysDirectory(Path.of(args[1]))
                .feedSettle(Duration.ofSeconds(2))
                .build();
        SearchSettings settings = SearchSettings.defaults(Path.of(args[2]))
                .withBatchSize(5)
                .withCommitInterval(Duration.ofMillis(30))
                .withRefreshInterval(Duration.ofMillis(20));
        try (StudentRecords records = StudentRecords.connect(store);
                StudentSearchIndex index = StudentSearchIndex.open(settings, records.changes())) {
            System.out.println("OPEN");
            while (true) {
                long position = index.searchablePosition();
                System.out.println("POS " + position);
                System.out.flush();
                // The next line as soon as more is searchable, and at least once a second.
                index.awaitSearchable(position + 1, Duration.ofSeconds(1));
            }
        }
    }
}
