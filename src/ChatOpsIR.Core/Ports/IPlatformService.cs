using ChatOpsIR.Core.Incidents;

namespace ChatOpsIR.Core.Ports;

/// <summary>A port with one implementation per chat platform; workflows pick it through <see cref="PlatformServices{T}"/>.</summary>
public interface IPlatformService
{
    /// <summary>The platform this implementation serves.</summary>
    Platform Platform { get; }
}

/// <summary>
/// The implementations of a per-platform port, looked up by platform. Built once from what is registered; when two
/// serve one platform, the first registered wins.
/// </summary>
public sealed class PlatformServices<T>
    where T : IPlatformService
{
    private readonly Dictionary<Platform, T> _byPlatform = [];

    public PlatformServices(IEnumerable<T> services)
    {
        foreach (var service in services)
        {
            _byPlatform.TryAdd(service.Platform, service);
        }
    }

    /// <summary>The implementation for <paramref name="platform"/>, or null when none is registered.</summary>
    public T? For(Platform platform) => _byPlatform.GetValueOrDefault(platform);
}
