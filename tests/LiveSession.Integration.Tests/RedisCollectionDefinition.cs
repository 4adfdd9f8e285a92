using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

[CollectionDefinition(RedisCollection.Name)]
public sealed class RedisCollectionDefinition : RedisCollection;

