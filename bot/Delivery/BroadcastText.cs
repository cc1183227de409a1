using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Delivery;

/// <summary>How a broadcast's progress reads to the person who started it.</summary>
public static class BroadcastText
{
    public static string Done(Texts t, BroadcastReport r) =>
        t.Format("Broadcast.Done", CardText.User(r.Title, 200), r.Total, r.Sent, r.Failed, r.Unreachable);

    public static string Progress(Texts t, BroadcastReport r) =>
        t.Format(r.Done ? "Broadcast.Done" : "Broadcast.Progress", CardText.User(r.Title, 200), r.Total, r.Sent, r.Failed,
            r.Unreachable, r.Pending);
}
