using CniBot.Hosting;

namespace CniBot.Host;

/// <summary>
/// Loads the knowledge index in the background once the host has started (so <c>/healthz</c> answers at once and
/// <c>/readyz</c> turns ready when the index is in), then watches the folder for edits.
/// </summary>
internal sealed partial class KnowledgeIndexService(ReloadingKnowledgeIndex index, ILogger<KnowledgeIndexService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        index.Reloaded += PrometheusBotMetrics.Reloaded;
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var outcome = await Task.Run(index.Reload, stoppingToken);
            if (index.IsReady)
            {
                // Building the index leaves its working memory (analysis buffers, the unfrozen index) as garbage in
                // a heap sized for the build: collect it and give the memory back before serving. Once, at start.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                break;
            }

            LogRetrying(logger, RetryDelay.TotalSeconds, outcome.Error?.Message);
            await Task.Delay(RetryDelay, stoppingToken);
        }

        index.StartWatching();
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "The knowledge index could not be loaded; retrying in {Seconds} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, double seconds, string? reason);
}
