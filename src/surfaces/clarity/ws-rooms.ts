import type { Role } from '../../domain/identity/index.js';

/**
 * Chat rooms. A room is a person's care room, `user:{person id}`: that person and whoever the access policy lets see
 * their data (admins; clinicians once care relationships exist) may join. Any other room id is refused. Rooms need
 * no table: membership follows the access policy, so it can never disagree with who may read the data.
 */
const ROOM_PATTERN = /^user:([A-Za-z0-9_-]{1,128})$/;

export const personOfRoom = (roomId: string): string | undefined => ROOM_PATTERN.exec(roomId)?.[1];

export const roomOfPerson = (personId: string): string => `user:${personId}`;

export interface RoomMember {
  userId: string;
  role: Role;
  connectedAt: string;
  lastSeen: string;
}

export interface RoomUserView {
  user_id: string;
  role: Role;
  connected_at: string;
  last_seen: string;
  connection_count: number;
}

/**
 * Who is connected to which room on THIS instance (connections are per process; with several API nodes each
 * answers for its own sockets). Also counts health-analysis connections, for /chat/stats.
 */
export class ConnectionRegistry {
  private readonly rooms = new Map<string, Map<string, RoomMember>>();
  private healthAnalysisConnections = 0;

  join(roomId: string, connectionId: string, member: RoomMember): void {
    let members = this.rooms.get(roomId);
    if (!members) this.rooms.set(roomId, (members = new Map()));
    members.set(connectionId, member);
  }

  leave(roomId: string, connectionId: string): void {
    const members = this.rooms.get(roomId);
    if (!members?.delete(connectionId)) return;
    if (members.size === 0) this.rooms.delete(roomId);
  }

  touch(roomId: string, connectionId: string, at: string): void {
    const member = this.rooms.get(roomId)?.get(connectionId);
    if (member) member.lastSeen = at;
  }

  /** One entry per user, however many tabs or devices they have in the room. */
  users(roomId: string): RoomUserView[] {
    const byUser = new Map<string, RoomUserView>();
    for (const member of this.rooms.get(roomId)?.values() ?? []) {
      const seen = byUser.get(member.userId);
      if (!seen) {
        byUser.set(member.userId, {
          user_id: member.userId,
          role: member.role,
          connected_at: member.connectedAt,
          last_seen: member.lastSeen,
          connection_count: 1,
        });
        continue;
      }
      seen.connection_count += 1;
      if (member.connectedAt < seen.connected_at) seen.connected_at = member.connectedAt;
      if (member.lastSeen > seen.last_seen) seen.last_seen = member.lastSeen;
    }
    return [...byUser.values()];
  }

  healthAnalysisOpened(): () => void {
    this.healthAnalysisConnections += 1;
    let open = true;
    return () => {
      if (open) this.healthAnalysisConnections -= 1;
      open = false;
    };
  }

  /** Totals over every room; per-room counts only for the rooms `visible` says the caller may see. */
  stats(visible: (roomId: string) => boolean) {
    const users = new Set<string>();
    let connections = 0;
    const rooms: Record<string, number> = {};
    for (const [roomId, members] of this.rooms) {
      connections += members.size;
      for (const member of members.values()) users.add(member.userId);
      if (visible(roomId)) rooms[roomId] = new Set([...members.values()].map((m) => m.userId)).size;
    }
    return { total_users: users.size, total_connections: connections, rooms, health_analysis_connections: this.healthAnalysisConnections };
  }
}
