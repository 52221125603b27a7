import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../common/graphql/loaders.js';
import { AppUserEntity } from './user.entity.js';

/** The people behind token subjects; a subject nobody has written with yet loads as null. */
export const userBySubject: LoaderFactory<string, AppUserEntity | null> = (dataSource) =>
  new DataLoader<string, AppUserEntity | null>(async (subjects) => {
    const rows = await dataSource
      .getRepository(AppUserEntity)
      .createQueryBuilder('u')
      .select(['u.subject', 'u.name', 'u.staffId'])
      .where('u.subject = ANY(:subjects)', { subjects: [...subjects] })
      .getMany();
    const bySubject = new Map(rows.map((u) => [u.subject, u]));
    return subjects.map((s) => bySubject.get(s) ?? null);
  });
