package org.esscard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up table reads what benchmarks/startup.sh writes and shows each JDK and cache as min / median / max. */
class StartupTimesTest {

    @Test
    void showsEachJdkAndCacheSideBySideAsMinMedianMax(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("startup.tsv");
        StringBuilder lines = new StringBuilder();
        double[] seconds = {7.0, 6.4, 6.8};
        for (double s : seconds) {
            lines.append("17\tnone\tpermit-service\t").append(s).append("\t1.5\n");
            lines.append("25\taot\tpermit-service\t").append(s / 4).append("\t1.2\n");
            lines.append("17\tnone\tsuite\t").append(s * 6).append("\t2.0\n");
            lines.append("17\tnone\tsuite-command\t").append(s * 7).append("\t2.0\n");
            lines.append("25\taot\tsuite\t").append(s * 2).append("\t2.0\n");
            lines.append("25\taot\tsuite-command\t").append(s * 3).append("\t2.0\n");
        }
        Files.writeString(file, lines);

        StartupTimes startup = StartupTimes.read(file);

        assertThat(startup.spread(17, "none", "permit-service")).isEqualTo(new Spread(6.4, 6.8, 7.0, 3));
        assertThat(startup.spread(25, "aot", "suite").median()).isEqualTo(13.6);
        String md = startup.markdown();
        assertThat(md).contains("| started | JDK 17 no cache | JDK 25 AOT cache | goal |")
                .contains("| permit-service | 6.4 / 6.8 / 7.0 | 1.6 / 1.7 / 1.8 | < 2 s |")
                .contains("| **the suite** | 38.4 / 40.8 / 42.0 | 12.8 / 13.6 / 14.0 | < 15 s |")
                .contains("3 times each");
    }
}
