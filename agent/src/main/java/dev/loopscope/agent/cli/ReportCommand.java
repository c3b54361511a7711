package dev.loopscope.agent.cli;

import dev.loopscope.agent.jfr.JfrReplay;
import dev.loopscope.agent.jfr.RecordingFileException;
import dev.loopscope.agent.report.ReportSet;
import dev.loopscope.agent.timeline.TaskFilter;
import dev.loopscope.agent.timeline.Timeline;
import dev.loopscope.agent.timeline.TimelineBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** {@code report FILE.jfr [-o DIR]}: the agent's reports, rebuilt from the loopscope.* events of a recording. */
final class ReportCommand {

    private ReportCommand() {
    }

    static void run(String[] args, PrintStream out, PrintStream err) throws CliException {
        Path file = null;
        Path dir = Paths.get("loopscope");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-o") || args[i].equals("--out")) {
                if (i + 1 == args.length) {
                    throw new CliException(args[i] + " needs a directory", true);
                }
                dir = Paths.get(args[++i]);
            } else if (file == null && !args[i].startsWith("-")) {
                file = Paths.get(args[i]);
            } else {
                throw new CliException("report: unexpected argument '" + args[i] + "'", true);
            }
        }
        if (file == null) {
            throw new CliException("report: which recording? give the .jfr file", true);
        }
        Path target = dir.toAbsolutePath().normalize();
        // Before reading: a recording can take long to read, and a bad -o is known at once.
        prepare(target);
        Timeline timeline = read(file, err);
        try {
            out.print(ReportSet.write(timeline, target));
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot write the reports to " + target + ": " + ReportSet.whyNotWritten(target, e));
        }
        out.println("[loopscope] report: " + target.resolve(ReportSet.HTML));
    }

    private static void prepare(Path target) throws CliException {
        try {
            Files.createDirectories(target);
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot write the reports to " + target + ": " + ReportSet.whyNotWritten(target, e));
        }
        if (!Files.isWritable(target)) {
            throw new CliException("cannot write the reports to " + target + ": permission denied");
        }
    }

    private static Timeline read(Path file, PrintStream err) throws CliException {
        if (Files.isDirectory(file)) {
            throw new CliException(file + ": is a directory, not a JFR recording");
        }
        try (JfrReplay replay = JfrReplay.open(file)) {
            if (replay.loopscopeEvents() == 0) {
                throw new CliException(file + ": the recording has no loopscope events; it was made without the"
                        + " Loopscope agent, with the agent's jfr=false, or with the loopscope.* events disabled");
            }
            TimelineBuilder builder = new TimelineBuilder(replay.originNanos(), new TaskFilter(List.of(), List.of()));
            replay.replay(builder);
            boolean partial = replay.cutShort() != null;
            if (partial) {
                err.println("loopscope: " + file + ": the recording was cut short: " + replay.cutShort()
                        + ". The reports show what could be read and are marked partial");
            }
            return builder.build(replay.jdk(), replay.startEpochMillis(), 0L, partial, "jfr:" + file.getFileName());
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliException(file + ": cannot be read (permission denied)");
        } catch (RecordingFileException e) {
            throw new CliException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read: " + e);
        }
    }
}
