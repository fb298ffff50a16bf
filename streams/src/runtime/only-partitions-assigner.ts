import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/**
 * kafkajs has no manual `assign()`; a throwaway group whose assigner hands its only member the
 * wanted partitions is the closest thing, and fetches nothing else.
 */
export function onlyPartitionsAssigner(topic: string, partitions: number[]): PartitionAssigner {
  return () => ({
    name: 'OnlyPartitionsAssigner',
    version: 0,
    assign: async ({ members }) =>
      members.map((member, i) => ({
        memberId: member.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: i === 0 ? { [topic]: partitions } : {},
          userData: Buffer.alloc(0),
        }),
      })),
    protocol: ({ topics }) => ({
      name: 'OnlyPartitionsAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({
        version: 0,
        topics,
        userData: Buffer.alloc(0),
      }),
    }),
  });
}
