using LiveSession.Testing;

namespace LiveSession.Integration.Tests;

[CollectionDefinition(RedisCollection.Name)]
public sealed class RedisCollectionDefinition : RedisCollection;

[CollectionDefinition(RedisCollection.Office)]
public sealed class OfficeRedisCollectionDefinition : RedisCollection;
