import { Button } from '@/components/ui/button';
import { Container } from '@/components/ui/container';
import { Header } from '@/components/ui/header';
import { getT } from '@/server/i18n';

export default async function NotFound() {
  const t = await getT();
  return (
    <div className="py-6">
      <Container header={<Header variant="h1" description={t('notFound.description')}>{t('notFound.title')}</Header>}>
        <Button variant="primary" href="/vpc/flow-logs">
          {t('notFound.back')}
        </Button>
      </Container>
    </div>
  );
}
