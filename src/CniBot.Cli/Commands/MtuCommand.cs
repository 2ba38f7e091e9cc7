using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CniBot.Conversation;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Cli.Commands;

/// <summary><c>mtu --plugin P --mode M (--underlay-mtu N | --path PRESET) [--ipv6] [--json]</c>: the pod MTU with the arithmetic.</summary>
internal static class MtuCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var plugin = new Option<string>("--plugin") { Description = $"The CNI plugin: {string.Join(", ", MtuCalculator.Plugins)}.", Required = true };
        var mode = new Option<string>("--mode") { Description = "Encapsulation or encryption: vxlan, ipip, geneve, wireguard, ipsec, udp or none.", Required = true };
        var underlay = new Option<int?>("--underlay-mtu") { Description = "The MTU of the network between nodes." };
        var path = new Option<string?>("--path") { Description = $"Instead of --underlay-mtu, a known path: {string.Join(", ", MtuCalculator.Underlays.Select(u => u.Id))}." };
        var ipv6 = new Option<bool>("--ipv6") { Description = "The pod network (and the tunnel's outer header) is IPv6." };
        var udpEncapsulation = new Option<bool>("--udp-encap") { Description = "flannel ipsec with UDPEncap (8 bytes more)." };
        var json = new Option<bool>("--json") { Description = "Print {\"podMtu\", \"overheadBytes\", \"explanation\"} as JSON." };
        var language = new Option<string>("--lang") { Description = "Language of the explanation: en or zh.", DefaultValueFactory = _ => "en" };
        var command = new Command("mtu", "Compute the pod MTU for a plugin, a mode and the network between nodes.")
        {
            plugin, mode, underlay, path, ipv6, udpEncapsulation, json, language,
        };
        command.SetAction(parse => Run(
            context(),
            parse.GetValue(plugin)!,
            parse.GetValue(mode)!,
            parse.GetValue(underlay),
            parse.GetValue(path),
            parse.GetValue(ipv6),
            parse.GetValue(udpEncapsulation),
            parse.GetValue(json),
            parse.GetValue(language)!));
        return command;
    }

    internal static int Run(CliContext context, string plugin, string mode, int? underlayMtu, string? path, bool ipv6, bool udpEncapsulation, bool json, string lang)
    {
        if (!LanguageExtensions.TryParse(lang, out var language))
        {
            throw new UsageException($"--lang must be en or zh, not '{lang}'");
        }

        int underlay;
        if (path is not null)
        {
            var preset = MtuCalculator.Underlays.FirstOrDefault(u => u.Id == path)
                ?? throw new UsageException($"unknown --path '{path}'; valid values: {string.Join(", ", MtuCalculator.Underlays.Select(u => u.Id))}");
            underlay = preset.Mtu;
        }
        else
        {
            underlay = underlayMtu ?? throw new UsageException("give --underlay-mtu <N> or --path <preset>");
        }

        MtuResult result;
        try
        {
            result = MtuCalculator.Calculate(new MtuRequest(plugin, mode, underlay, ipv6, udpEncapsulation, path), language);
        }
        catch (MtuInputException e)
        {
            throw new UsageException($"{e.Message}; valid values: {string.Join(", ", e.ValidValues)}");
        }

        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new MtuJson(result.PodMtu, result.OverheadBytes, result.Explanation), JsonOutput.Options));
            return ExitCodes.Success;
        }

        context.Out.WriteLine(CalculationText.Render(result.Details));
        return ExitCodes.Success;
    }
}

/// <summary>The JSON shape of <c>mtu --json</c> (DESIGN.md).</summary>
internal sealed record MtuJson(int PodMtu, int OverheadBytes, string Explanation);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(MtuJson))]
internal sealed partial class MtuJsonContext : JsonSerializerContext;

/// <summary>A calculation as terminal text: headline, working, then each step tagged with what it touches.</summary>
internal static class CalculationText
{
    public static string Render(CalculationResult result)
    {
        var lines = new List<string> { result.Headline, string.Empty };
        lines.AddRange(result.Working);
        foreach (var step in result.Steps)
        {
            lines.Add(string.Empty);
            lines.Add(Step(step));
            if (step.Sources.Count > 0)
            {
                lines.Add("  → knowledge: " + string.Join(", ", step.Sources));
            }
        }

        if (result.Notes.Count > 0)
        {
            lines.Add(string.Empty);
            lines.AddRange(result.Notes.Select(n => "Note: " + n));
        }

        return string.Join('\n', lines);
    }

    /// <summary>A step tagged with what it touches, then its body: "[read-only] Verify …\n…".</summary>
    internal static string Step(Recommendation step) =>
        (step.Impact is { } impact ? $"[{Impact(impact)}] " : string.Empty) + step.Title + "\n" + step.Body;

    private static string Impact(StepImpact impact) => impact switch
    {
        StepImpact.ReadOnly => "read-only",
        StepImpact.Change => "change",
        _ => "disruptive",
    };
}
