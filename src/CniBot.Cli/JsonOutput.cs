using System.Text.Encodings.Web;
using System.Text.Json;
using CniBot.Cli.Commands;

namespace CniBot.Cli;

internal static class JsonOutput
{
    /// <summary>
    /// Chinese text is written as is rather than as \uXXXX escapes: the output is read by people and by tools
    /// that all speak UTF-8, and is never embedded in HTML.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(AskJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(AskJsonContext.Default, ReportJsonContext.Default, MtuJsonContext.Default, AdviceJsonContext.Default, EvalJsonContext.Default, InspectJsonContext.Default),
    };
}
