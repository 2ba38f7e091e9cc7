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
/// <remarks>
/// Several processes may append to one file (replicas on a shared volume, the CLI beside the bot): each append
/// holds the file exclusively (an advisory lock every CniBot process honours), writes at the end as it is then,
/// and first ends a torn last line (a crash mid-append) so that the new record starts a line of its own. Once
/// the lock is held the write is not cancelled: a record is written whole or not at all.
/// </remarks>
public sealed class JsonLinesFeedbackStore(string dataDirectory) : IFeedbackStore, IDisposable
{
    public const string FileName = "feedback.jsonl";

    /// <summary>How long an append waits for another process's append before giving up.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

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
        var line = Encoding.UTF8.GetBytes(ToJson(record) + "\n");
        await gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            await using var file = await OpenExclusiveAsync(cancellationToken);
            if (file.Length > 0)
            {
                file.Seek(-1, SeekOrigin.End);
                if (file.ReadByte() != '\n')
                {
                    file.WriteByte((byte)'\n'); // end the torn line; readers skip it
                }
            }

            file.Seek(0, SeekOrigin.End);
            await file.WriteAsync(line, CancellationToken.None);
            await file.FlushAsync(CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The file, held exclusively (waiting while another process appends).</summary>
    private async Task<FileStream> OpenExclusiveAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(FilePath))
            {
                await Task.Delay(Random.Shared.Next(2, 20), cancellationToken);
            }
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
            // Read under the same lock as appends, so that a half-written record is never read.
            await using var file = await OpenExclusiveAsync(cancellationToken);
            using var reader = new StreamReader(file, Encoding.UTF8);
            lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n');
        }
        finally
        {
            gate.Release();
        }

        // Oldest first, as the interface promises: several replicas on one volume append as their clocks say, and the
        // contract test of the stores found this one returning file order where the Redis store sorted.
        return [.. FromJsonLines(lines).OrderBy(r => r.Time)];
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
