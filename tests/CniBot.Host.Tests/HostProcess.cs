using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace CniBot.Tests;

/// <summary>
/// The real host (the same build `dotnet run --project src/CniBot.Host` runs) as a separate process on its own
/// 127.0.0.1 port, configured through environment variables the way a container is. For the scale-out tests: two
/// of these share one Redis, and one can be killed.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process, int port)
    {
        this.process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    /// <summary>What the process wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { BuiltAssembly("CniBot.Host", "CniBot.Host.dll"), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["BotFramework__AllowAnonymous"] = "true"; // a production process without Bot Framework tokens, on purpose
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new HostProcess(Process.Start(start)!, port);
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        await host.WaitUntilReadyAsync(StartTimeout);
        return host;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout) => await WaitForReadyzAsync(HttpStatusCode.OK, timeout);

    /// <summary>Polls <c>/readyz</c> until it answers <paramref name="status"/>.</summary>
    public async Task WaitForReadyzAsync(HttpStatusCode status, TimeSpan timeout)
    {
        var (reached, last) = await PollReadyzAsync(Client, process, status, timeout);
        if (reached)
        {
            return;
        }

        if (process.HasExited)
        {
            throw new InvalidOperationException($"the host exited with {process.ExitCode}:\n{Output}");
        }

        throw new TimeoutException($"/readyz did not become {(int)status} within {timeout.TotalSeconds} s (last: {last}):\n{Output}");
    }

    /// <summary>
    /// Asks a started host's <c>/readyz</c> until it answers <paramref name="status"/>, the process exits or
    /// <paramref name="timeout"/> passes; returns whether it answered so and the last status it gave. A request that is
    /// refused (not listening yet) or outlasts the client's timeout (listening but too busy starting: a cold start
    /// JIT-compiles and builds the index, and on a loaded CI machine one request has taken over 5 s) is asked again.
    /// </summary>
    internal static async Task<(bool Reached, HttpStatusCode? Last)> PollReadyzAsync(HttpClient client, Process process, HttpStatusCode status, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                last = response.StatusCode;
                if (last == status)
                {
                    return (true, last);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (clock.Elapsed < timeout)
            {
                // Listening but too busy starting to answer within the client's timeout.
            }

            await Task.Delay(100);
        }

        return (false, last);
    }

    /// <summary>Kills the process outright, as a crashed node or an evicted pod would go.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        Client.Dispose();
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }

    /// <summary>A program of src/ built alongside these tests (same configuration: Release under ./test.sh).</summary>
    public static string BuiltAssembly(string project, string assembly)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var path = Path.Combine(Repository.Root, "src", project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first ({path})", path);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"host at {Client.BaseAddress}");
}
