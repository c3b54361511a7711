package dev.loopscope.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.loopscope.harness.examples.LoopExamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A test that hangs and ignores the interrupt is abandoned at its timeout: the next test runs, and
 * JUnit's XML report (the one build servers read) is complete and well-formed.
 */
class JUnitXmlReportTest {

    @Test
    void anAbandonedTestLeavesTheXmlReportIntactAndTheNextTestRuns(@TempDir Path reports) throws Exception {
        StringWriter listenerErrors = new StringWriter();
        long start = System.nanoTime();
        try {
            LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectClass(LoopExamples.IgnoresInterrupts.class)).build(),
                    new LegacyXmlReportGeneratingListener(reports, new PrintWriter(listenerErrors)));
        } finally {
            LoopExamples.IgnoresInterrupts.released = true;
        }
        assertThat(System.nanoTime() - start).as("the run went on after the timeout and the abandon wait")
                .isLessThan(10_000_000_000L);
        assertThat(listenerErrors.toString()).isEmpty();

        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".xml")).collect(Collectors.toList());
        }
        assertThat(files).hasSize(1);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(files.get(0).toFile());
        Element suite = xml.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");

        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element hung = (Element) cases.item(0);
        Element next = (Element) cases.item(1);
        assertThat(hung.getAttribute("name")).isEqualTo("a_swallowsEveryInterrupt()");
        Element failure = (Element) hung.getElementsByTagName("failure").item(0);
        assertThat(failure).isNotNull();
        assertThat(failure.getAttribute("message")).contains("test timed out after 300 ms",
                "its thread ignored the interrupt and was abandoned");
        assertThat(next.getAttribute("name")).isEqualTo("b_runsAfterIt()");
        assertThat(next.getElementsByTagName("failure").getLength()).isZero();
        assertThat(next.getElementsByTagName("skipped").getLength()).isZero();
    }
}
