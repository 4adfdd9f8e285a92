using LiveSession.Testing;

namespace LiveSession.Transcription.Tests;

[CollectionDefinition(RedisCollection.Name)]
public sealed class RedisCollectionDefinition : RedisCollection;
