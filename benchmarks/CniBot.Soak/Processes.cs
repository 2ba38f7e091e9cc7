using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CniBot.Soak;

/// <summary>A child process whose output goes to a log file, killed with its tree when disposed.</summary>
internal abstract class ChildProcess : IDisposable
{
    private Process? process;
    private StreamWriter? log;

    public int Id => process?.Id ?? 0;

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Resident memory now, in MB (from /proc).</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) / 1024;
    }

    protected void Launch(ProcessStartInfo start, string logPath)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        log ??= new StreamWriter(logPath, append: true, Encoding.UTF8) { AutoFlush = true };
        process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would.</summary>
    public void Kill()
    {
        if (IsRunning)
        {
            process!.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        log?.Dispose();
    }

    private void Write(string? line)
    {
        if (line is not null)
        {
            lock (log!)
            {
                log.WriteLine(line);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// <c>redis-server</c> on 127.0.0.1 with the arguments the bundled Redis runs with in
/// <c>deploy/kubernetes/redis.yaml</c> (persistence and eviction as shipped), in a folder of its own, so that a
/// restart finds what the shipped configuration would have kept.
/// </summary>
internal sealed class RedisProcess(string repository, string folder) : ChildProcess
{
    public int Port { get; } = FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The container's arguments from the manifest (one JSON-style list on its <c>args:</c> line).</summary>
    public static string[] ShippedArguments(string repository)
    {
        var manifest = File.ReadAllText(Path.Combine(repository, "deploy", "kubernetes", "redis.yaml"));
        var list = Regex.Match(manifest, @"^\s*args:\s*(\[.*\])\s*$", RegexOptions.Multiline);
        return list.Success
            ? JsonSerializer.Deserialize<string[]>(list.Groups[1].Value) ?? []
            : throw new InvalidOperationException("deploy/kubernetes/redis.yaml has no args: [...] line");
    }

    public void Start()
    {
        var start = new ProcessStartInfo("redis-server") { WorkingDirectory = folder };
        foreach (var argument in ShippedArguments(repository).Concat(["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", folder]))
        {
            start.ArgumentList.Add(argument);
        }

        Launch(start, Path.Combine(folder, "redis.log"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Ping())
        {
            if (!IsRunning || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}; see {folder}/redis.log");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Every entry of a list, by <c>redis-cli</c> (the records as Redis holds them).</summary>
    public IReadOnlyList<string> ListRange(string key)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "--raw", "LRANGE", key, "0", "-1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(start)!;
        var output = cli.StandardOutput.ReadToEnd();
        cli.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            return stream.Read(buffer) > 0 && Encoding.ASCII.GetString(buffer).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The bot's host, the build <c>dotnet run --project src/CniBot.Host</c> runs, configured by environment variables.</summary>
internal sealed class HostProcess(string repository, string folder) : ChildProcess
{
    public int Port { get; } = FreePort();

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string LogPath => Path.Combine(folder, "host.log");

    public void Start(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            ArgumentList = { Path.Combine(repository, "src", "CniBot.Host", "bin", "Release", "net10.0", "CniBot.Host.dll"), "--urls", BaseAddress.AbsoluteUri.TrimEnd('/') },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        Launch(start, LogPath);
    }
}
