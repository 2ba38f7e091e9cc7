using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CniBot.Bot.Slack;

/// <summary>
/// Slack wants an answer within three seconds; a search or a Web API call may take longer. Requests are acknowledged
/// at once and their work waits here, in a bounded queue: when it is full the endpoint answers 503 and Slack retries.
/// </summary>
public sealed partial class SlackDispatcher(SlackAdapter adapter, ILogger<SlackDispatcher> logger) : BackgroundService
{
    public const int Capacity = 1000;
    private const int Workers = 2;

    private readonly Channel<SlackInbound> queue = Channel.CreateBounded<SlackInbound>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    public bool TryEnqueue(SlackInbound inbound) => queue.Writer.TryWrite(inbound);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var inbound in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await adapter.ProcessAsync(inbound, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, inbound.Conversation, e);
            }
        }
    }

    [LoggerMessage(EventId = 33, Level = LogLevel.Error, Message = "Slack work for {Conversation} failed")]
    private static partial void LogFailed(ILogger logger, string conversation, Exception error);
}
