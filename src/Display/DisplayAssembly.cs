namespace LiveSession.Display;

/// <summary>Marker type: lets the host find this library's routable pages.</summary>
public sealed class DisplayAssembly;
