using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CniBot.Diagnosis.Calculators;
using CniBot.Inspection;

namespace CniBot.Cli.Commands;

/// <summary>
/// <c>inspect [FILE|-] [--context TEXT] [--json] [--lang en|zh] [--knowledge DIR]</c>: pasted command output read
/// and diagnosed. Exit 0 when nothing is wrong (or the output is not recognised), 1 for an error or warning, 2 for
/// bad usage.
/// </summary>
internal static class InspectCommand
{
    /// <summary>The most a paste may hold; past it the command refuses rather than read a log file whole.</summary>
    internal const int MaxInputBytes = 1024 * 1024;

    public static Command Create(Func<CliContext> context)
    {
        var file = new Argument<string?>("file") { Description = "A file holding the output, or - (the default) for standard input.", Arity = ArgumentArity.ZeroOrOne };
        var said = new Option<string?>("--context") { Description = "What you know around it: \"GCP, Calico VXLAN\", \"跨区域的节点连不上\"." };
        var json = new Option<bool>("--json") { Description = "Print {\"kind\", \"findings\": [...]} as JSON." };
        var language = new Option<string?>("--lang") { Description = "Language of the findings: en or zh (default: the context's, else en)." };
        var knowledge = Options.Knowledge();
        var command = new Command("inspect", "Read pasted command output (ip link, calicoctl node status, ping, tracepath, subnet.env, conntrack, logs) and say what is wrong.")
        {
            file, said, json, language, knowledge,
        };
        command.SetAction(parse => Run(context(), parse.GetValue(file), parse.GetValue(said), parse.GetValue(json), parse.GetValue(language), parse.GetValue(knowledge)));
        return command;
    }

    internal static int Run(CliContext context, string? file, string? said, bool json, string? lang, string? knowledgeDirectory)
    {
        Language? language = null;
        if (lang is not null)
        {
            language = LanguageExtensions.TryParse(lang, out var parsed) ? parsed : throw new UsageException($"--lang must be en or zh, not '{lang}'");
        }

        var output = Read(context, file);
        var knowledge = KnowledgeSource.Load(context, knowledgeDirectory);
        var report = new OutputInspector(knowledge).Inspect(Paste.Of(output, said, language));
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(InspectJson.From(report), JsonOutput.Options));
        }
        else
        {
            context.Out.Write(InspectionText.Render(report));
        }

        return report.HasProblems ? ExitCodes.Finding : ExitCodes.Success;
    }

    private static string Read(CliContext context, string? file)
    {
        if (file is null or "-")
        {
            var buffer = new char[MaxInputBytes + 1];
            var read = context.In.ReadBlock(buffer, 0, buffer.Length);
            return read > MaxInputBytes ? throw new UsageException($"the input is larger than {MaxInputBytes / 1024} KB; paste the command's output, not a whole log file") : new string(buffer, 0, read);
        }

        var path = Path.GetFullPath(file, context.CurrentDirectory);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new UsageException($"no such file: {file}");
        }

        return info.Length > MaxInputBytes
            ? throw new UsageException($"{file} is larger than {MaxInputBytes / 1024} KB; paste the command's output, not a whole log file")
            : File.ReadAllText(path);
    }
}

/// <summary>The JSON shape of <c>inspect --json</c> (DESIGN.md), with the verify steps and the working added.</summary>
internal sealed record InspectJson(string Kind, IReadOnlyList<string> Kinds, IReadOnlyList<InspectFindingJson> Findings, IReadOnlyList<string> Summary)
{
    public static InspectJson From(InspectionReport report) => new(
        report.Kind,
        report.Kinds,
        report.Findings.Select(f => new InspectFindingJson(
            f.Severity.ToString().ToLowerInvariant(),
            f.Title,
            string.Join('\n', f.Evidence),
            string.Join("\n\n", f.Steps.Where(s => s.Impact != StepImpact.ReadOnly).Select(CalculationText.Step)),
            string.Join("\n\n", f.Steps.Where(s => s.Impact == StepImpact.ReadOnly).Select(CalculationText.Step)),
            f.Working,
            f.Sources)).ToArray(),
        report.Summary);
}

internal sealed record InspectFindingJson(string Severity, string Title, string Evidence, string Fix, string Verify, IReadOnlyList<string> Working, IReadOnlyList<string> Sources);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(InspectJson))]
internal sealed partial class InspectJsonContext : JsonSerializerContext;

/// <summary>An inspection as terminal text: the kind, then each finding with its evidence, working and steps.</summary>
internal static class InspectionText
{
    public static string Render(InspectionReport report)
    {
        var zh = report.Language == Language.Zh;
        var lines = new List<string>();
        if (!report.Recognised)
        {
            lines.Add(zh ? "没有认出这段输出。CniBot 能读的命令：" : "CniBot does not recognise this output. It reads:");
            lines.AddRange(OutputKinds.Commands.Select(c => "  - " + c));
            return string.Join('\n', lines) + "\n";
        }

        lines.Add((zh ? "输出类型：" : "Output: ") + string.Join(", ", report.Kinds));
        if (report.Findings.Count == 0)
        {
            lines.Add(zh ? "看起来正常，没有发现问题。" : "Looks healthy: nothing wrong found.");
        }

        foreach (var finding in report.Findings)
        {
            lines.Add(string.Empty);
            lines.Add($"[{finding.Severity.ToString().ToLowerInvariant()}] {finding.Title}");
            lines.AddRange(finding.Evidence.Select(e => "    > " + e));
            lines.AddRange(finding.Working);
            foreach (var step in finding.Steps)
            {
                lines.Add(string.Empty);
                lines.Add(CalculationText.Step(step));
            }

            if (finding.Sources.Count > 0)
            {
                lines.Add((zh ? "  → 依据：" : "  → sources: ") + string.Join(", ", finding.Sources));
            }
        }

        if (report.Summary.Count > 0)
        {
            lines.Add(string.Empty);
            lines.AddRange(report.Summary);
        }

        return string.Join('\n', lines) + "\n";
    }
}
