<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * An order (orders.create) or reservation (reservations.create) may or may not have been placed: its
 * answer was lost (a reset, a timeout, a 5xx after ELKO may have acted) and looking its reference up
 * (getReference()) could not settle the outcome within the call's time. The intent stays in the journal.
 * Do NOT send the order again: Client::ordersReconcile() (or `elko orders reconcile`) resolves it later,
 * in this process or any other.
 */
class UncertainException extends ElkoErrorException
{
    public const STATUS = -14;
}
