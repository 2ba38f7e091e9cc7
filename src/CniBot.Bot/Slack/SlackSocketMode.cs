using System.Net.WebSockets;
using System.Text;
using CniBot.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Slack;

/// <summary>
/// Slack over Socket Mode (with <c>Slack:AppToken</c>): CniBot dials out to Slack, so it needs no public address. It
/// asks <c>apps.connections.open</c> for a WebSocket URL, connects, and hands every envelope (Events API, slash
/// commands, interactivity) to the same <see cref="SlackIntake"/> as the HTTP endpoints, acknowledging each by its
/// <c>envelope_id</c> as soon as it is queued. When Slack announces a refresh (<c>disconnect</c>), a second connection
/// is opened first and the old one closed once the new one has said hello, so nothing is missed in between; a socket
/// that drops is dialled again with growing pauses (1 s doubling up to a minute).
/// </summary>
public sealed partial class SlackSocketMode(
    SlackApiClient slack,
    SlackIntake intake,
    IOptions<SlackOptions> options,
    IOptions<RequestLimitOptions> limits,
    ILogger<SlackSocketMode> logger) : BackgroundService
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A connection that lived this long was healthy: the next drop starts again from the first pause.</summary>
    private static readonly TimeSpan HealthyLife = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SocketMode)
        {
            return;
        }

        SocketModeConnection? current = null;
        var pause = FirstPause;
        var stopped = Task.Delay(Timeout.Infinite, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = await ConnectAsync(stoppingToken);
                if (next is null)
                {
                    await PauseAsync(pause, stoppingToken);
                    pause = Double(pause);
                    continue;
                }

                if (current is not null)
                {
                    await current.DisposeAsync(); // It asked to be replaced, and its replacement is up.
                }

                current = next;
                await Task.WhenAny(current.Closed, current.RefreshRequested, stopped);
                if (current.Closed.IsCompleted && !stoppingToken.IsCancellationRequested)
                {
                    pause = current.Age >= HealthyLife ? FirstPause : pause;
                    Dropped(logger, pause.TotalSeconds);
                    await current.DisposeAsync();
                    current = null;
                    await PauseAsync(pause, stoppingToken);
                    pause = Double(pause);
                }

                // Otherwise Slack asked for a refresh: the loop dials the next connection while this one still serves.
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
    }

    /// <summary>A connection that has said hello, or null (logged) when Slack could not be reached or refused.</summary>
    private async Task<SocketModeConnection?> ConnectAsync(CancellationToken stoppingToken)
    {
        Uri? url;
        try
        {
            url = await slack.OpenSocketAsync(stoppingToken);
        }
        catch (Exception e) when (SlackApiClient.IsUnavailable(e, stoppingToken))
        {
            OpenFailed(logger, e);
            return null;
        }

        if (url is null)
        {
            return null; // Slack said no (ok:false); SlackApiClient logged its error code.
        }

        var host = url.GetLeftPart(UriPartial.Authority); // Never the ticket in the query.
        if (!options.Value.AllowsSocketUrl(url))
        {
            UrlRefused(logger, host);
            return null;
        }

        var connection = new SocketModeConnection(intake, limits.Value.MaxBodyBytes, logger);
        try
        {
            using var hello = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            hello.CancelAfter(HelloTimeout);
            await connection.OpenAsync(url, hello.Token);
            Connected(logger, host, connection.ConnectionsReported);
            return connection;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException && !stoppingToken.IsCancellationRequested)
        {
            ConnectFailed(logger, host, e);
            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await connection.DisposeAsync(); // The host is stopping (or worse): the half-open socket goes too.
            throw;
        }
    }

    private static async Task PauseAsync(TimeSpan pause, CancellationToken stoppingToken) =>
        await Task.Delay(pause + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)(pause.TotalMilliseconds / 4))), stoppingToken);

    private static TimeSpan Double(TimeSpan pause) => TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Slack Socket Mode connected to {Host} ({Connections} connection(s) open)")]
    private static partial void Connected(ILogger logger, string host, int connections);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Slack Socket Mode: apps.connections.open failed")]
    private static partial void OpenFailed(ILogger logger, Exception error);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Slack Socket Mode: could not connect to {Host}")]
    private static partial void ConnectFailed(ILogger logger, string host, Exception error);

    [LoggerMessage(EventId = 43, Level = LogLevel.Error, Message = "Slack Socket Mode: apps.connections.open gave {Address}, which is neither wss on slack.com nor the host of Slack:ApiBaseUrl; not connecting")]
    private static partial void UrlRefused(ILogger logger, string address);

    [LoggerMessage(EventId = 44, Level = LogLevel.Warning, Message = "Slack Socket Mode connection dropped; dialling again in {Seconds} s")]
    private static partial void Dropped(ILogger logger, double seconds);
}

/// <summary>
/// One Socket Mode WebSocket: reads Slack's messages one after the other, hands envelopes to the intake and
/// acknowledges them; notes Slack's <c>hello</c> and <c>disconnect</c>.
/// </summary>
internal sealed partial class SocketModeConnection(SlackIntake intake, long maxMessageBytes, ILogger logger) : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource<int> hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource refresh = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long opened = Environment.TickCount64;
    private Task receiving = Task.CompletedTask;

    /// <summary>Completes when the socket has closed or failed.</summary>
    public Task Closed => receiving;

    /// <summary>Completes when Slack has said it will close this connection (a <c>disconnect</c> message).</summary>
    public Task RefreshRequested => refresh.Task;

    /// <summary>How many connections the app had open when Slack said hello (its <c>num_connections</c>).</summary>
    public int ConnectionsReported => hello.Task.IsCompletedSuccessfully ? hello.Task.Result : 0;

    public TimeSpan Age => TimeSpan.FromMilliseconds(Environment.TickCount64 - opened);

    /// <summary>Connects and waits for Slack's hello (cancelled by <paramref name="cancellationToken"/>).</summary>
    public async Task OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        await socket.ConnectAsync(url, cancellationToken);
        receiving = Task.Run(() => ReceiveAsync(stopping.Token), CancellationToken.None);
        var said = await Task.WhenAny(hello.Task, receiving).WaitAsync(cancellationToken);
        if (said != hello.Task)
        {
            throw new WebSocketException("the connection closed before Slack said hello");
        }
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        var tooLarge = false;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var part = await socket.ReceiveAsync(buffer, cancellationToken);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                tooLarge |= message.Length + part.Count > maxMessageBytes; // Read to its end, then dropped.
                if (!tooLarge)
                {
                    message.Write(buffer, 0, part.Count);
                }

                if (!part.EndOfMessage)
                {
                    continue;
                }

                if (tooLarge)
                {
                    TooLarge(logger, maxMessageBytes);
                }
                else if (part.MessageType == WebSocketMessageType.Text)
                {
                    await HandleAsync(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length), cancellationToken);
                }

                message.SetLength(0);
                tooLarge = false;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Dropped or closed by us: Closed completes and the supervisor decides.
        }
    }

    private async Task HandleAsync(string text, CancellationToken cancellationToken)
    {
        JObject message;
        try
        {
            message = JObject.Parse(text);
        }
        catch (JsonException)
        {
            NotJson(logger);
            return;
        }

        var type = (string?)message["type"];
        switch (type)
        {
            case "hello":
                hello.TrySetResult((int?)message["num_connections"] ?? 1);
                return;
            case "disconnect":
                RefreshAsked(logger, (string?)message["reason"] ?? "unknown");
                refresh.TrySetResult();
                return;
        }

        var envelopeId = (string?)message["envelope_id"];
        SlackIntakeOutcome outcome;
        try
        {
            outcome = (type, message["payload"]) switch
            {
                ("events_api", JObject payload) => await intake.EventAsync(payload),
                ("slash_commands", JObject payload) => await intake.CommandAsync(name => (string?)payload[name]),
                ("interactive", JObject payload) => await intake.InteractionAsync(payload),
                _ => SlackIntakeOutcome.Accepted, // A kind CniBot does not use: acknowledged so that Slack does not resend it.
            };
        }
        catch (Exception e) when (e is JsonException or InvalidCastException or FormatException or ArgumentException)
        {
            outcome = SlackIntakeOutcome.Refuse($"not a Slack payload: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not taken (the shared store is away, say): no acknowledgement, so Slack delivers it again.
            EnvelopeFailed(logger, type ?? "?", e);
            return;
        }

        if (outcome.Result == SlackIntakeResult.Refused)
        {
            EnvelopeRefused(logger, type ?? "?", outcome.Reason ?? string.Empty);
        }

        // Busy: not taken, so not acknowledged; Slack delivers it again. A refusal is acknowledged: it would be
        // refused again.
        if (outcome.Result != SlackIntakeResult.Busy && envelopeId is not null)
        {
            await AcknowledgeAsync(envelopeId, cancellationToken);
        }
    }

    private async Task AcknowledgeAsync(string envelopeId, CancellationToken cancellationToken)
    {
        var ack = Encoding.UTF8.GetBytes(new JObject { ["envelope_id"] = envelopeId }.ToString(Formatting.None));
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Closes the socket politely (a second at most), then stops reading.</summary>
    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "refreshed", timeout.Token);
                await receiving.WaitAsync(timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
            {
                // Closed anyway below.
            }
        }

        await stopping.CancelAsync();
        socket.Abort();
        await receiving;
        socket.Dispose();
        sending.Dispose();
        stopping.Dispose();
    }

    [LoggerMessage(EventId = 45, Level = LogLevel.Information, Message = "Slack Socket Mode: Slack will close this connection ({Reason}); opening the next")]
    private static partial void RefreshAsked(ILogger logger, string reason);

    [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "Slack Socket Mode: a message larger than {MaxBytes} bytes was dropped")]
    private static partial void TooLarge(ILogger logger, long maxBytes);

    [LoggerMessage(EventId = 47, Level = LogLevel.Warning, Message = "Slack Socket Mode: a message that is not JSON was dropped")]
    private static partial void NotJson(ILogger logger);

    [LoggerMessage(EventId = 48, Level = LogLevel.Warning, Message = "Slack Socket Mode: a {Type} envelope was refused: {Reason}")]
    private static partial void EnvelopeRefused(ILogger logger, string type, string reason);

    [LoggerMessage(EventId = 49, Level = LogLevel.Error, Message = "Slack Socket Mode: a {Type} envelope could not be taken; left unacknowledged for Slack to resend")]
    private static partial void EnvelopeFailed(ILogger logger, string type, Exception error);
}
