using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace CniBot.Bot.BotFramework;

/// <summary>
/// How the messaging endpoint writes the Bot Framework's types (they carry Newtonsoft attributes): as the SDK does,
/// nulls left out, but an attachment written once.
/// </summary>
/// <remarks>
/// The SDK puts a converter on an attachment's content that lets it be a <see cref="System.IO.MemoryStream"/>: to look
/// for one, it first copies the content into a JSON tree and only then writes that tree, so an answer's card
/// (a few hundred tokens) was built twice over per reply; a trace of the host under uncached load put 5 % of its CPU
/// there. CniBot's attachments are cards it built itself as JSON trees, never streams, so the converter is dropped
/// and an attachment is written like any other object; the text is the same (the host test
/// <c>ExpectReplies_AreWrittenAsTheSdkWouldWriteThem</c> compares the two).
/// </remarks>
internal static class ResponseJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        ContractResolver = new WithoutStreamConverter(),
    };

    private sealed class WithoutStreamConverter : DefaultContractResolver
    {
        protected override JsonProperty CreateProperty(System.Reflection.MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (IsStreamConverter(property.Converter))
            {
                property.Converter = null;
            }

            return property;
        }

        private static bool IsStreamConverter(JsonConverter? converter) =>
            converter?.GetType() is { Namespace: "Microsoft.Bot.Schema.Converters" } type && type.Name.Contains("MemoryStream", StringComparison.Ordinal);
    }
}
