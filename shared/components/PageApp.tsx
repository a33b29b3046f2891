import { useEffect } from 'react';
import { FeedProvider } from '../feed/context';
import { markHydrationEnd } from '../hydration';
import type { PageDefinition, PageProps } from '../page';
import { Layout } from './Layout';
import { LessonView } from './LessonView';

/** The root both the server render and the client hydration mount: one tree, one source. */
export function PageApp<Data>({
  page,
  props,
}: {
  page: Pick<PageDefinition<Data>, 'widgets'>;
  props: PageProps<Data>;
}) {
  useEffect(markHydrationEnd, []);
  return (
    <FeedProvider wire={props.wire} page={props.slug}>
      <Layout locale={props.locale} currentSlug={props.slug} nav={props.nav} alternates={props.alternates}>
        <LessonView page={props} widgets={page.widgets} />
      </Layout>
    </FeedProvider>
  );
}
