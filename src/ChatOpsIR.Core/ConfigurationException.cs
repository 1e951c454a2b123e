namespace ChatOpsIR.Core;

/// <summary>A setting the host cannot start with. The message names the key and says how to fix it.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
