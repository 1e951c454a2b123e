namespace ChatOpsIR.Data.Configurations;

/// <summary>Column lengths shared by the configurations; indexed strings stay short enough for every provider.</summary>
internal static class Lengths
{
    public const int Scope = 200;
    public const int PlatformId = 200;
    public const int Name = 200;
    public const int SourceKey = 300;
    public const int Url = 2000;
    public const int TimeZoneId = 100;
}
