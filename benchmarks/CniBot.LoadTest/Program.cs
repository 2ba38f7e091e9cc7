using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

// A closed-loop load generator: N connections each post one activity (deliveryMode expectReplies) after another
// for a fixed time, after a warm-up, and every request's latency is kept. It only ever targets 127.0.0.1.
// Usage: CniBot.LoadTest <url> [--concurrency 32] [--seconds 20] [--warmup 5] [--label name]
var url = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:3978/api/messages");
if (!IPAddress.IsLoopback(IPAddress.Parse(url.Host == "localhost" ? "127.0.0.1" : url.Host)))
{
    Console.Error.WriteLine("error: the load generator only targets loopback addresses");
    return 2;
}

var concurrency = Option("--concurrency", 32);
var seconds = Option("--seconds", 20);
var warmup = Option("--warmup", 5);
var label = args.SkipWhile(a => a != "--label").Skip(1).FirstOrDefault() ?? url.ToString();
var questionFile = args.SkipWhile(a => a != "--questions").Skip(1).FirstOrDefault();

string[] questions =
[
    "What MTU should Calico VXLAN use over inter-region peering?",
    "Which ports must be open between nodes for Cilium?",
    "Why do DNS lookups in pods take 5 seconds?",
    "Does flannel support NetworkPolicy?",
    "How many pods can an m5.large run with the AWS VPC CNI?",
    "跨区域丢包怎么排查？",
    "连接跟踪表满了怎么办？",
    "Calico 的 VXLAN MTU 怎么设?",
    "Hubble metrics 用哪个端口",
    "GKE Dataplane V2 最多支持多少节点",
];
// --questions FILE: a JSON array of questions to rotate through instead (e.g. the development set's real questions,
// so that with the answer cache off every request is a different, realistic search).
if (questionFile is not null)
{
    questions = JsonSerializer.Deserialize<string[]>(File.ReadAllText(questionFile)) ?? questions;
}

var bodies = questions.Select((q, i) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["type"] = "message",
    ["id"] = $"load-{i}",
    ["channelId"] = "webchat",
    ["serviceUrl"] = "http://127.0.0.1:9/",
    ["deliveryMode"] = "expectReplies",
    ["text"] = q,
    ["from"] = new { id = "load-user" },
    ["recipient"] = new { id = "bot" },
    ["conversation"] = new { id = $"load-conversation-{i}" },
}))).ToArray();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = TimeSpan.FromSeconds(30),
};

await Run(TimeSpan.FromSeconds(warmup), record: false);
var (latencies, errors, elapsed) = await Run(TimeSpan.FromSeconds(seconds), record: true);
latencies.Sort();
double P(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
var throughput = latencies.Count / elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{label}: {latencies.Count} requests in {elapsed.TotalSeconds:F1} s at {concurrency} connections: {throughput:F0} req/s, p50 {P(0.50):F2} ms, p99 {P(0.99):F2} ms, errors {errors}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {label} {throughput:F1} {P(0.50):F3} {P(0.99):F3} {errors}"));
return errors > 0 ? 1 : 0;

async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> Run(TimeSpan duration, bool record)
{
    var all = new List<double>[concurrency];
    var errors = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var mine = all[worker] = new List<double>(100_000);
        var next = worker;
        while (watch.Elapsed < duration)
        {
            var body = bodies[next++ % bodies.Length];
            var started = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await http.PostAsync(url, content);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
                continue;
            }

            if (record)
            {
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }));
    return (all.SelectMany(l => l).ToList(), errors, watch.Elapsed);
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
