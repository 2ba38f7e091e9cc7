using System.Text;
using CniBot.Bot.Cards;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests.Cards;

public sealed class JsonSizeTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("VXLAN over IPv6: **1430**")]
    [InlineData("引号 \"quoted\", a backslash \\ and a tab \t and a newline \n")]
    [InlineData("control \u0001 and an emoji 🚀 that is a surrogate pair in UTF-16")]
    [InlineData("<script>&'</script>")]
    [InlineData("a lone high surrogate \ud83d then text, a lone low \ude80, and one at the end \ud83d")]
    [InlineData("two-byte é and ß, three-byte €")]
    public void Utf8Bytes_IsTheLengthOfTheCompactUtf8Text(string text)
    {
        var token = new JObject
        {
            ["type"] = "TextBlock",
            ["text"] = text,
            ["wrap"] = true,
            ["rows"] = new JArray(1, 2.5, JValue.CreateNull(), new JObject { ["列"] = text }),
        };

        Assert.Equal(Encoding.UTF8.GetByteCount(token.ToString(Formatting.None)), JsonSize.Utf8Bytes(token));
    }

    [Fact]
    public void Utf8Bytes_CountsALongCardPastTheWritersBuffer()
    {
        // Longer than the JSON writer's internal buffer, so characters reach the counter in many pieces, some of
        // them splitting a surrogate pair.
        var text = string.Concat(Enumerable.Repeat("节点🚀\"x\"", 5_000));
        var token = new JArray(new JValue(text), new JValue(text[1..]));

        Assert.Equal(Encoding.UTF8.GetByteCount(token.ToString(Formatting.None)), JsonSize.Utf8Bytes(token));
    }
}
