using CniBot.Bot.BotFramework;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace CniBot.Tests;

public sealed class KnowledgeBotTests
{
    [Fact]
    public void StripMentions_RemovesTheBotsTeamsMention()
    {
        var activity = JObject.Parse("""
            {"type":"message","text":"<at>Teams Bot</at> What MTU should Calico VXLAN use?\n",
             "recipient":{"id":"28:teamsbot-Guid","name":"Teams Bot"},
             "entities":[{"mentioned":{"id":"28:teamsbot-Guid","name":"Teams Bot"},"text":"<at>Teams Bot</at>","type":"mention"}]}
            """).ToObject<Activity>()!;

        Assert.Equal("What MTU should Calico VXLAN use?", KnowledgeBot.StripMentions(activity));
    }

    [Theory]
    [InlineData("""{"type":"message","text":"<at>CniBot</at> hi"}""", "hi")]
    [InlineData("""{"type":"message","text":"plain"}""", "plain")]
    [InlineData("""{"type":"message"}""", null)]
    public void StripMentions_ToleratesMissingRecipientAndEntities(string json, string? expected)
    {
        Assert.Equal(expected, KnowledgeBot.StripMentions(JObject.Parse(json).ToObject<Activity>()!));
    }

    [Fact]
    public void ActionData_FlattensSubmitData_AndDropsTeamsOwnKeys()
    {
        var value = JObject.Parse("""{"action":"feedback","helpful":false,"n":3,"msteams":{"type":"messageBack"},"nested":{"x":1}}""");

        var data = KnowledgeBot.ActionData(value);

        Assert.Equal(new Dictionary<string, string> { ["action"] = "feedback", ["helpful"] = "false", ["n"] = "3" }, data);
    }

    [Theory]
    [InlineData("\"just a string\"")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"no\":\"action key\"}")]
    [InlineData("{\"action\":{\"deep\":true}}")]
    [InlineData("null")]
    public void ActionData_OddValues_AreNotButtons(string json)
    {
        Assert.Null(KnowledgeBot.ActionData(JToken.Parse(json)));
    }

    [Theory]
    [InlineData("""{ "feedback": "{\"feedbackText\":\" The port changed in 1.15 \"}" }""", "The port changed in 1.15")] // Teams' default form: a JSON string
    [InlineData("""{ "feedback": { "feedbackText": "too long" } }""", "too long")]
    [InlineData("""{ "feedback": "plain words" }""", "plain words")]
    [InlineData("""{ "feedback": "{\"feedbackText\":\"  \"}" }""", null)]
    [InlineData("""{ "feedback": "{\"other\":1}" }""", null)]
    [InlineData("""{ }""", null)]
    public void FeedbackText_ReadsTeamsFeedbackForm(string actionValue, string? expected)
    {
        Assert.Equal(expected, KnowledgeBot.FeedbackText(JObject.Parse(actionValue)["feedback"]));
    }
}
