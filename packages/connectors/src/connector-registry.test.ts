import { ConnectorConfigError } from '@verbatim/core';
import { ZodError } from 'zod';
import { createConnector, parseConnectorConfig } from './connector-registry';
import { MockConnector } from './mock/mock.connector';

describe('connector registry', () => {
  it('parses a mock config and builds its connector', async () => {
    const config = parseConnectorConfig({ type: 'mock', seed: 7, posts: 40, maxCommentsPerPost: 12 });
    expect(config).toMatchObject({ type: 'mock', pageSize: 100, newPostsPerStep: 2 });
    const connector = createConnector(config);
    expect(connector).toBeInstanceOf(MockConnector);
    const { passToken, firstCursor } = await connector.beginPass(null);
    expect((await connector.fetchPage(passToken, firstCursor)).items).toHaveLength(100);
  });

  it('names the failing field of a bad config', () => {
    expect(() => parseConnectorConfig({ type: 'mock', seed: 7, posts: 40 })).toThrow(ZodError);
    try {
      parseConnectorConfig({ type: 'mock', seed: 7, posts: 40 });
    } catch (error) {
      expect((error as ZodError).issues.map((issue) => issue.path.join('.'))).toEqual(['maxCommentsPerPost']);
    }
  });

  it('rejects an unknown connector type at `type`', () => {
    const attempt = () => parseConnectorConfig({ type: 'myspace' });
    expect(attempt).toThrow(ZodError);
    try {
      attempt();
    } catch (error) {
      expect((error as ZodError).issues[0].path).toEqual(['type']);
    }
  });

  it('builds from a stored, not yet defaulted config and refuses an unusable one with ConnectorConfigError', () => {
    expect(
      createConnector({ type: 'mock', seed: 1, posts: 2, maxCommentsPerPost: 0 } as { type: string }),
    ).toBeInstanceOf(MockConnector);
    expect(() => createConnector({ type: 'mock', seed: 1 } as { type: string })).toThrow(ConnectorConfigError);
    expect(() => createConnector({ type: 'myspace' })).toThrow(/invalid myspace connector config: type: /);
  });
});
