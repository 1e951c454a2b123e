using ChatOpsIR.Core.Cards;
using ChatOpsIR.Core.Conversations;
using ChatOpsIR.Core.FollowUps;
using ChatOpsIR.Core.PlanReviews;
using ChatOpsIR.Core.PostMortems;
using ChatOpsIR.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIR.Core.Tests;

public class CardActionRouterTests
{
    [Theory]
    [InlineData("pm.answer", "pm.")]
    [InlineData("reminder.date.save", "reminder.")]
    [InlineData("planreview.record", "planreview.")]
    [InlineData("command.run", "command.")]
    [InlineData("pm", "")]
    [InlineData("", "")]
    public void A_verb_belongs_to_the_family_named_by_its_text_up_to_the_first_dot(string verb, string family) =>
        Assert.Equal(family, CardVerbs.FamilyOf(verb));

    [Fact]
    public void A_button_goes_to_the_handler_of_its_family_and_a_simple_button_to_none()
    {
        var postMortem = new StubHandler(PostMortemVerbs.Family);
        var reminders = new StubHandler(ReminderVerbs.Family);
        var router = new CardActionRouter([postMortem, reminders]);

        Assert.Same(postMortem, router.For(PostMortemVerbs.Publish));
        Assert.Same(reminders, router.For(ReminderVerbs.SaveDate));
        Assert.Null(router.For(PlanReviewVerbs.Record));
        Assert.Null(router.For(CardVerbs.RunCommand));
        Assert.Null(router.For(DeclareForm.SubmitVerb));
        Assert.Null(router.For("pm"));
    }

    [Fact]
    public void Two_handlers_of_one_family_are_a_wiring_mistake() =>
        Assert.Throws<ArgumentException>(() => new CardActionRouter([new StubHandler(PostMortemVerbs.Family), new StubHandler(PostMortemVerbs.Family)]));

    [Fact]
    public void Every_button_of_a_guided_flow_belongs_to_the_family_its_handler_serves()
    {
        string[] postMortem = [PostMortemVerbs.Answer, PostMortemVerbs.Next, PostMortemVerbs.Skip, PostMortemVerbs.Open, PostMortemVerbs.Keep, PostMortemVerbs.Reword, PostMortemVerbs.Publish];
        string[] reminders = [ReminderVerbs.Done, ReminderVerbs.Snooze, ReminderVerbs.NewDate, ReminderVerbs.SaveDate, ReminderVerbs.Reassign, ReminderVerbs.SaveOwner];

        Assert.All(postMortem, verb => Assert.Equal(PostMortemVerbs.Family, CardVerbs.FamilyOf(verb)));
        Assert.All(reminders, verb => Assert.Equal(ReminderVerbs.Family, CardVerbs.FamilyOf(verb)));
        Assert.Equal(PlanReviewVerbs.Family, CardVerbs.FamilyOf(PlanReviewVerbs.Record));
    }

    [Fact]
    public void Core_registers_one_card_action_handler_per_guided_flow()
    {
        var handlers = new ServiceCollection().AddChatOpsCore()
            .Where(d => d.ServiceType == typeof(ICardActionHandler))
            .Select(d => d.ImplementationType)
            .ToList();

        Assert.Equal([typeof(PostMortemActions), typeof(ReminderActions), typeof(Incidents.EvidenceActions), typeof(PlanReviewActions), typeof(AccessGrantActions)], handlers);
    }

    private sealed class StubHandler(string family) : ICardActionHandler
    {
        public string Family => family;

        public Task<BotReply> HandleAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken) =>
            Task.FromResult(BotReply.Private(verb));

        public Task<Card?> FormForAsync(CommandContext context, string verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken) =>
            Task.FromResult<Card?>(null);
    }
}
