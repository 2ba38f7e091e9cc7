using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Bot.Cards;

/// <summary>
/// The size of a JSON token as compact UTF-8, counted while it is written instead of building the string: the card's
/// size check runs on every answer, and its string was about 30 KB of the 450 KB an uncached answer allocated.
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

    /// <summary>
    /// A writer that keeps nothing but the UTF-8 length of what it was given, counted a character at a time (the JSON
    /// writer hands over every quote, colon and comma as a single character): a surrogate pair split across two
    /// writes is one 4-byte character, and a lone surrogate counts as the 3-byte replacement character, as
    /// <see cref="Encoding.UTF8"/> writes it.
    /// </summary>
    private sealed class Utf8Counter : TextWriter
    {
        private int bytes;
        private bool pendingHigh;

        public int Bytes => bytes + (pendingHigh ? 3 : 0);

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (pendingHigh)
            {
                pendingHigh = false;
                if (char.IsLowSurrogate(value))
                {
                    bytes += 4;
                    return;
                }

                bytes += 3;
            }

            if (value < 0x80)
            {
                bytes++;
            }
            else if (value < 0x800)
            {
                bytes += 2;
            }
            else if (char.IsHighSurrogate(value))
            {
                pendingHigh = true;
            }
            else
            {
                bytes += 3;
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer)
        {
            foreach (var c in buffer)
            {
                Write(c);
            }
        }
    }
}
