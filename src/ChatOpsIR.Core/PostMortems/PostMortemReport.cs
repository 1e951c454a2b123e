namespace ChatOpsIR.Core.PostMortems;

// TEMPORARY: replaced by the report renderer from the report branch before commit.
public static class PostMortemReport
{
    public static string Markdown(PostMortemDocument document) => $"# Post-mortem: {document.Incident.Reference}";

    public static string Html(PostMortemDocument document) => $"<h1>Post-mortem: {System.Net.WebUtility.HtmlEncode(document.Incident.Reference)}</h1>";
}
