using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CniBot.Feedback;
using CniBot.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace CniBot.Cli.Commands;

/// <summary><c>report [--json] [--data DIR]</c>: unanswered questions and negative feedback, newest first, with counts.</summary>
internal static class ReportCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var data = new Option<string?>("--data") { Description = "The data folder (default: Data:Path from appsettings.json, 'data')." };
        var command = new Command("report", "For maintainers: unanswered questions and negative feedback, newest first.") { json, data };
        command.SetAction((parse, cancellationToken) => RunAsync(context(), parse.GetValue(json), parse.GetValue(data), cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(CliContext context, bool json, string? dataDirectory, CancellationToken cancellationToken = default)
    {
        using var file = new JsonLinesFeedbackStore(CliConfiguration.ResolveFolder<DataOptions>(context, dataDirectory, DataOptions.SectionName, o => o.Path));
        var storage = CliConfiguration.Load(context.CurrentDirectory).Bind<StorageOptions>(StorageOptions.SectionName);
        IReadOnlyList<FeedbackRecord> records;
        if (storage.UsesRedis)
        {
            // Replicas share the log in Redis (plus whatever a replica kept locally during an outage).
            using var redis = new RedisConnection(storage);
            try
            {
                records = await new RedisFeedbackStore(redis, file).ReadAllAsync(cancellationToken);
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                throw new UsageException($"cannot reach Redis (Storage:Redis = '{storage.Redis}'): {e.Message}");
            }
        }
        else
        {
            records = await file.ReadAllAsync(cancellationToken);
        }

        var report = FeedbackReport.From(records);
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(ReportJson.From(report), JsonOutput.Options));
            return ExitCodes.Success;
        }

        Write(context.Out, "Unanswered questions", report.Unanswered);
        context.Out.WriteLine();
        Write(context.Out, "Sections rated unhelpful", report.NegativeFeedback);
        context.Out.WriteLine();
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Answers rated helpful: {report.PositiveFeedback}"));
        return ExitCodes.Success;
    }

    private static void Write(TextWriter output, string heading, IReadOnlyList<ReportEntry> entries)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{heading} ({entries.Sum(e => e.Count)} in {entries.Count} distinct):"));
        if (entries.Count == 0)
        {
            output.WriteLine("  none");
        }

        foreach (var entry in entries)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entry.Count,4} × {entry.Subject}  (last {entry.Last:yyyy-MM-dd HH:mm} UTC{(entry.Language is null ? string.Empty : ", " + entry.Language)})"));
            foreach (var reason in entry.Reasons ?? [])
            {
                output.WriteLine($"         “{reason.ReplaceLineEndings(" ")}”");
            }
        }
    }
}

/// <summary>The JSON shape of <c>report --json</c>.</summary>
internal sealed record ReportJson(IReadOnlyList<ReportEntryJson> Unanswered, IReadOnlyList<ReportEntryJson> NegativeFeedback, int PositiveFeedback)
{
    public static ReportJson From(FeedbackReport report) => new(
        report.Unanswered.Select(ReportEntryJson.From).ToArray(),
        report.NegativeFeedback.Select(ReportEntryJson.From).ToArray(),
        report.PositiveFeedback);
}

internal sealed record ReportEntryJson(string Subject, int Count, DateTimeOffset Last, string? Language, IReadOnlyList<string>? Reasons)
{
    public static ReportEntryJson From(ReportEntry entry) => new(entry.Subject, entry.Count, entry.Last, entry.Language, entry.Reasons is { Count: > 0 } reasons ? reasons : null);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ReportJson))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
