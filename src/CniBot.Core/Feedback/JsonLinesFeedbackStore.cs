using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CniBot.Feedback;

/// <summary>
/// Keeps feedback as one JSON object per line in <c>feedback.jsonl</c> under the data folder: appends are cheap,
/// the file survives restarts, and maintainers can read it with any tool. A line that cannot be read (a crash mid
/// write) is skipped, never fatal.
/// </summary>
public sealed class JsonLinesFeedbackStore(string dataDirectory) : IFeedbackStore, IDisposable
{
    public const string FileName = "feedback.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly SemaphoreSlim gate = new(1, 1);

    public string FilePath { get; } = Path.Combine(dataDirectory, FileName);

    public async Task AppendAsync(FeedbackRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = ToJson(record) + "\n";
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            await File.AppendAllTextAsync(FilePath, line, Encoding.UTF8, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<FeedbackRecord>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        string[] lines;
        await gate.WaitAsync(cancellationToken);
        try
        {
            lines = await File.ReadAllLinesAsync(FilePath, Encoding.UTF8, cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        return FromJsonLines(lines);
    }

    /// <summary>One record as the one-line JSON this store (and the Redis store) keeps.</summary>
    public static string ToJson(FeedbackRecord record) => JsonSerializer.Serialize(record, Json);

    /// <summary>The records of JSON lines; a line that cannot be read is skipped, the rest kept.</summary>
    public static IReadOnlyList<FeedbackRecord> FromJsonLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var records = new List<FeedbackRecord>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<FeedbackRecord>(line, Json) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A torn line from a crash mid-append: skip it, keep the rest.
            }
        }

        return records;
    }

    public void Dispose() => gate.Dispose();
}
