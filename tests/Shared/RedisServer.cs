using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CniBot.Tests;

/// <summary>
/// A private <c>redis-server</c> on 127.0.0.1 and a free port, without persistence, for one test class. It can be
/// stopped and started again on the same port (the outage tests). ./test.sh installs redis-server when missing.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private Process? process;

    public RedisServer()
    {
        Port = LoopbackPorts.Free();
        Start();
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>
    /// The connection string for tests of what the stores keep, not of how fast: with 15 s timeouts instead of the
    /// product's 2 s, because on a loaded 2-core machine (four test assemblies at once) a reply has sat unread in
    /// the client's pipe for more than 2 s while sixteen writers raced for one key.
    /// </summary>
    public string PatientConnectionString => $"{ConnectionString},connectTimeout=15000,syncTimeout=15000,asyncTimeout=15000";

    public bool IsRunning => process is { HasExited: false };

    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed; ./test.sh installs it (apt-get install redis-server)", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Ping())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}");
            }

            Thread.Sleep(50);
        }
    }

    public void Stop()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
        process = null;
    }

    /// <summary>Sends one command (RESP, raw) and returns the first line of the reply (<c>+OK</c>, <c>-ERR ...</c>).</summary>
    public string Command(params string[] arguments)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        stream.ReadTimeout = 2000;
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
        var buffer = new byte[512];
        var read = stream.Read(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read).Split("\r\n")[0];
    }

    /// <summary>Sends a raw PING (the test projects need no Redis client for this).</summary>
    public bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => Stop();
}
