using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Cards;

/// <summary>
/// The size of a JSON token as compact UTF-8, counted while it is written instead of building the string: the card's
/// size check ran on every answer, and its string was a fifth of the bytes an answer allocated.
/// </summary>
internal static class JsonSize
{
    public static int Utf8Bytes(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        using var counter = new Utf8Counter();
        using (var json = new JsonTextWriter(counter) { Formatting = Formatting.None, CloseOutput = false })
        {
            token.WriteTo(json);
        }

        return counter.Bytes;
    }

    /// <summary>A writer that keeps nothing but the UTF-8 length of what it was given.</summary>
    private sealed class Utf8Counter : TextWriter
    {
        // An encoder, not Encoding.GetByteCount per call: a surrogate pair split across two writes is one 4-byte
        // character, not two replacement characters.
        private readonly Encoder encoder = new UTF8Encoding(false).GetEncoder();

        public int Bytes { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write([value]);

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer) => Bytes += encoder.GetByteCount(buffer, flush: false);

        public override void Flush() => Bytes += encoder.GetByteCount([], flush: true);
    }
}
