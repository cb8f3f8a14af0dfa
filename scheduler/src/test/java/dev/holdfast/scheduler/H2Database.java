package dev.holdfast.scheduler;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** An H2 database in a file of a test folder, behind a HikariCP pool. */
final class H2Database {
    private H2Database() {
    }

    static HikariDataSource open(Path folder) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("jobs").toAbsolutePath());
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
