package org.stellaops.jobs.cli;

import picocli.CommandLine.Command;

/** {@code stella}: the Stella Ops data plane. */
@Command(name = "stella", mixinStandardHelpOptions = true, version = "stella 0.1.0 (engine " + org.stellaops.engine.EngineVersion.CURRENT + ")",
    description = "Ingest advisories and SBOMs, re-evaluate images, and report explained PASS/FAIL verdicts.",
    subcommands = {IngestCommand.class, ReevaluateCommand.class, ReportCommand.class, ImpactCommand.class,
        IndexCommand.class, ImagesCommand.class, WorkerCommand.class, ScheduleCommand.class, SchedulerCommand.class,
        StreamCommand.class, NotifyCommand.class, ExportCommand.class, MirrorCommand.class, WarehouseCommand.class,
        WarehouseCommand.Sql.class,
        DemoCommand.class,
        BenchCommand.class, VersionCommand.class, picocli.CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad arguments, 3 some inputs rejected,",
        "4 not found, 5 denied, 6 integrity failed, 7 database unavailable,",
        "8 export error, 9 job already running, 10 --fail-on fail and a verdict is FAIL.",
        "Documentation: docs/cli.md"})
public final class StellaCommand {}
