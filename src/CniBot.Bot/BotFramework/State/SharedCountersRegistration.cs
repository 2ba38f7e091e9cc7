using CniBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CniBot.Bot.BotFramework.State;

internal static class SharedCountersRegistration
{
    /// <summary>
    /// The one-process counters, unless the host registered shared ones first (Redis, with <c>Storage:Redis</c>).
    /// Both the Bot Framework bot (turn limits) and Slack (event de-duplication) need them.
    /// </summary>
    public static IServiceCollection TryAddMemorySharedCounters(this IServiceCollection services)
    {
        services.TryAddSingleton<ISharedCounters>(sp => new MemorySharedCounters(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
